/* faultlines show: the event timeline (vis-timeline). Events are points (day precision) or ranges
 * (fuzzy dates drawn as the interval they cover), one row per actor taking part. Item and group
 * contents are DOM elements built with textContent, so vis never parses article text as HTML. */
(function () {
  "use strict";
  var FL = window.FL;
  var timeline = null;
  var items = null;
  var byItem = {};

  function nextDay(iso) {
    return FL.isoOfDay(FL.dayNumber(iso) + 1);
  }

  function build(data) {
    var groups = [];
    var seen = {};
    var list = [];
    byItem = {};
    var undated = 0;
    data.events.forEach(function (ev) {
      if (!ev.start) {
        undated += 1;
        return;
      }
      var actors = ev.sources.concat(ev.targets).filter(function (id, i, all) {
        return all.indexOf(id) === i;
      });
      if (!actors.length) actors = ["(none)"];
      actors.forEach(function (actorId) {
        if (!seen[actorId]) {
          seen[actorId] = true;
          groups.push({ id: actorId, content: FL.el("span", { class: "tl-group" }, FL.actorName(actorId)) });
        }
        var range = ev.end && ev.end !== ev.start;
        // "ASSAULT on Armenia" in the attacker's row, "ASSAULT by Azerbaijan" in the target's.
        var role = ev.sources.indexOf(actorId) >= 0 ? "on" : "by";
        var others = (role === "on" ? ev.targets : ev.sources).filter(function (x) { return x !== actorId; });
        var id = ev.id + "@" + actorId;
        byItem[id] = ev;
        list.push({
          id: id,
          group: actorId,
          start: ev.start,
          end: range ? nextDay(ev.end) : undefined,
          type: range ? "range" : "point",
          className: (ev.asserted ? "" : "hedged ") + (range ? "fuzzy" : "exact"),
          content: FL.el("span", { class: "tl-item" }, [FL.el("b", null, ev.type), others.length ? " " + role + " " + others.map(FL.actorName).join(", ") : ""]),
        });
      });
    });
    groups.sort(function (a, b) {
      return FL.actorName(a.id).localeCompare(FL.actorName(b.id));
    });
    return { groups: groups, items: list, undated: undated };
  }

  FL.timeline = {
    init: function (container) {
      var data = FL.state.data;
      FL.clear(container);
      var built = build(data);
      var note = document.getElementById("timeline-note");
      if (note) {
        note.textContent = built.items.length
          ? data.events.length + " events" + (built.undated ? " (" + built.undated + " undated, not drawn)" : "") + ". Bars are fuzzy dates drawn as the interval they cover."
          : "No dated events to draw" + (built.undated ? " (" + built.undated + " undated)." : ".");
      }
      if (timeline) {
        timeline.destroy();
        timeline = null;
      }
      if (!built.items.length) {
        container.appendChild(FL.el("p", { class: "muted empty" }, "No dated events."));
        return;
      }
      items = new window.vis.DataSet(built.items);
      timeline = new window.vis.Timeline(container, items, new window.vis.DataSet(built.groups), {
        stack: true,
        orientation: { axis: "top" },
        margin: { item: 6 },
        zoomKey: "ctrlKey",
        tooltip: { followMouse: false },
        selectable: true,
        showCurrentTime: false,
        verticalScroll: true,
        maxHeight: "100%",
      });
      timeline.on("select", function (props) {
        if (props.items && props.items.length) FL.selectEvent(byItem[props.items[0]]);
      });
      FL.timeline.apply();
    },
    apply: function () {
      if (!timeline) return;
      var w = FL.state.window;
      var shown = 0;
      var updates = [];
      items.forEach(function (item) {
        var ev = byItem[item.id];
        var visible = FL.eventVisible(ev);
        if (visible) shown += 1;
        var cls = (ev.asserted ? "" : "hedged ") + (item.type === "range" ? "fuzzy" : "exact") + (visible ? "" : " out");
        if (cls !== item.className) updates.push({ id: item.id, className: cls });
      });
      if (updates.length) items.update(updates);
      if (w) {
        timeline.setWindow(w[0], nextDay(w[1]), { animation: false });
      } else {
        // Fit, with room on the right for the labels of point events near the end.
        timeline.fit({ animation: false });
        var range = timeline.getWindow();
        var span = range.end - range.start;
        timeline.setWindow(new Date(range.start.valueOf() - span * 0.02), new Date(range.end.valueOf() + span * 0.15), { animation: false });
      }
      document.getElementById("timeline").setAttribute("data-visible-items", String(shown));
    },
    resize: function () {
      if (timeline) timeline.redraw();
    },
  };
})();
