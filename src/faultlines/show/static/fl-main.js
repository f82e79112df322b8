/* faultlines show: start-up, tabs, filters, legend, search and the shared time slider. */
(function () {
  "use strict";
  var FL = window.FL;
  var el = FL.el;
  var initialised = {};
  var current = "graph";

  function $(id) {
    return document.getElementById(id);
  }

  function showTab(name) {
    current = name;
    Array.prototype.forEach.call(document.querySelectorAll(".tab"), function (btn) {
      btn.setAttribute("aria-selected", btn.getAttribute("data-tab") === name ? "true" : "false");
    });
    Array.prototype.forEach.call(document.querySelectorAll(".view"), function (view) {
      view.hidden = view.id !== "view-" + name;
    });
    document.body.setAttribute("data-view", name);
    if (name === "timeline") {
      if (!initialised.timeline) {
        initialised.timeline = true;
        FL.timeline.init($("timeline"));
      } else FL.timeline.resize();
    }
    if (name === "map") {
      if (!initialised.map) {
        initialised.map = true;
        FL.map.init($("map")).catch(FL.reportError);
      } else FL.map.draw();
    }
    if (name === "graph") FL.graph.resize();
    if (name === "claims") FL.panels.claims($("claims"));
    if (name === "structure") FL.panels.structure($("structure"));
    if (name === "forecast") FL.panels.forecast($("forecast"));
    if (name === "documents") FL.panels.documents($("documents"));
  }

  function checkboxes(container, values, selected, counts, onChange, swatch) {
    FL.clear(container);
    values.forEach(function (value) {
      var id = container.id + "-" + value;
      var box = el("input", { type: "checkbox", id: id, value: value, checked: selected.has(value) });
      box.addEventListener("change", function () {
        if (box.checked) selected.add(value);
        else selected.delete(value);
        onChange();
      });
      container.appendChild(el("label", { for: id, class: "check" + (counts[value] ? "" : " none") }, [box, swatch ? swatch(value) : null, FL.label(value), el("span", { class: "count" }, String(counts[value] || 0))]));
    });
  }

  function dashSwatch(kind) {
    var svg = FL.svg("svg", { width: 30, height: 10, class: "swatch" });
    var dash = (FL.DASHES[kind] || [1, 0]).join(",");
    svg.appendChild(FL.svg("line", { x1: 1, y1: 5, x2: 29, y2: 5, stroke: "#37474f", "stroke-width": 2.5, "stroke-dasharray": dash === "1,0" ? "none" : dash }));
    return svg;
  }

  function kindSwatch(kind) {
    var svg = FL.svg("svg", { width: 14, height: 14, class: "swatch" });
    svg.appendChild(FL.svg("rect", { x: 1, y: 1, width: 12, height: 12, rx: kind === "state" ? 3 : 6, fill: FL.KIND_COLOURS[kind] || "#555" }));
    return svg;
  }

  function refresh() {
    FL.graph.apply();
    if (initialised.timeline) FL.timeline.apply();
    if (initialised.map && current === "map") FL.map.draw(); // otherwise drawn when its tab opens
  }

  function buildFilters() {
    var data = FL.state.data;
    var relCounts = {};
    data.relations.forEach(function (r) {
      r.kinds.forEach(function (k) {
        relCounts[k] = (relCounts[k] || 0) + 1;
      });
    });
    var actorCounts = {};
    data.actors.forEach(function (a) {
      actorCounts[a.kind] = (actorCounts[a.kind] || 0) + 1;
    });
    checkboxes($("filter-kinds"), data.relation_kinds, FL.state.kinds, relCounts, refresh, dashSwatch);
    checkboxes($("filter-actor-kinds"), data.actor_kinds.filter(function (k) { return actorCounts[k]; }), FL.state.actorKinds, actorCounts, refresh, kindSwatch);
    var docSelect = FL.clear($("filter-doc"));
    docSelect.appendChild(el("option", { value: "" }, "All documents (" + data.documents.length + ")"));
    data.documents.forEach(function (d) {
      docSelect.appendChild(el("option", { value: d.id }, (d.date ? d.date + " · " : "") + (d.title || d.id)));
    });
  }

  // The sign legend doubles as a filter: untick "hostile" to see only the cooperative web.
  function buildLegend() {
    var box = FL.clear($("legend"));
    var counts = {};
    FL.state.data.relations.forEach(function (r) {
      var key = String(r.sign > 0 ? 1 : r.sign < 0 ? -1 : 0);
      counts[key] = (counts[key] || 0) + 1;
    });
    [[1, "cooperative"], [-1, "hostile"], [0, "mixed"]].forEach(function (pair) {
      var key = String(pair[0]);
      var svg = FL.svg("svg", { width: 30, height: 10, class: "swatch" });
      svg.appendChild(FL.svg("line", { x1: 1, y1: 5, x2: 29, y2: 5, stroke: FL.signColour(pair[0]), "stroke-width": 4 }));
      var box2 = el("input", { type: "checkbox", id: "sign-" + pair[1], checked: FL.state.signs.has(key) });
      box2.addEventListener("change", function () {
        if (box2.checked) FL.state.signs.add(key);
        else FL.state.signs.delete(key);
        refresh();
      });
      box.appendChild(el("label", { for: "sign-" + pair[1], class: "check" + (counts[key] ? "" : " none") }, [box2, svg, pair[1], el("span", { class: "count" }, String(counts[key] || 0))]));
    });
    box.appendChild(el("div", { class: "legend-row muted small" }, "Width: weight of evidence. Dash: main relation kind (see below)."));
  }

  /* The time slider: two range inputs over the days the data covers, shared by graph, timeline and map. */
  function buildSlider() {
    var range = FL.state.data.summary.range;
    var lo = $("time-start"), hi = $("time-end"), label = $("time-label"), reset = $("time-all");
    if (!range || !range[0] || !range[1]) {
      lo.disabled = hi.disabled = reset.disabled = true;
      label.textContent = "no dated evidence";
      return;
    }
    var d0 = FL.dayNumber(range[0]), d1 = FL.dayNumber(range[1]);
    if (d1 <= d0) d1 = d0 + 1;
    [lo, hi].forEach(function (input) {
      input.min = String(d0);
      input.max = String(d1);
      input.step = "1";
      input.disabled = false;
    });
    lo.value = String(d0);
    hi.value = String(d1);
    reset.disabled = false;
    function update(evt) {
      var a = Number(lo.value), b = Number(hi.value);
      if (a > b) {
        if (evt && evt.target === lo) hi.value = String(a);
        else lo.value = String(b);
        a = Number(lo.value);
        b = Number(hi.value);
      }
      var full = a <= d0 && b >= d1;
      FL.state.window = full ? null : [FL.isoOfDay(a), FL.isoOfDay(b)];
      label.textContent = full ? "all time (" + range[0] + " – " + range[1] + ")" : FL.state.window[0] + " – " + FL.state.window[1];
      refresh();
    }
    lo.addEventListener("input", update);
    hi.addEventListener("input", update);
    reset.addEventListener("click", function () {
      lo.value = String(d0);
      hi.value = String(d1);
      update();
    });
    FL.setWindow = function (startIso, endIso) {
      lo.value = String(startIso ? FL.dayNumber(startIso) : d0);
      hi.value = String(endIso ? FL.dayNumber(endIso) : d1);
      update();
    };
    update();
  }

  function summaryLine() {
    var s = FL.state.data.summary;
    var box = FL.clear($("summary"));
    [["documents", s.documents], ["actors", s.actors], ["relations", s.relations], ["events", s.events], ["claims", s.claims]].forEach(function (pair) {
      box.appendChild(el("span", { class: "stat" }, [el("b", null, String(pair[1])), " " + pair[0]]));
    });
  }

  function start(data) {
    FL.setData(data);
    document.body.setAttribute("data-mode", FL.state.mode);
    summaryLine();
    buildFilters();
    buildLegend();
    FL.graph.init($("graph"));
    buildSlider();
    initialised.timeline = false;
    initialised.map = false;
    if (current !== "graph") showTab(current);
    $("fl-status").textContent = "";
    document.body.setAttribute("data-ready", "1");
  }

  function reload() {
    return FL.source.bundle().then(start);
  }

  document.addEventListener("DOMContentLoaded", function () {
    Array.prototype.forEach.call(document.querySelectorAll(".tab"), function (btn) {
      btn.addEventListener("click", function () {
        showTab(btn.getAttribute("data-tab"));
      });
    });
    $("search").addEventListener("input", function (evt) {
      var hits = FL.graph.search(evt.target.value);
      $("search-count").textContent = evt.target.value ? hits.length + " found" : "";
    });
    $("search").addEventListener("keydown", function (evt) {
      if (evt.key === "Enter") {
        var hits = FL.graph.search(evt.target.value);
        if (hits.length) FL.selectActor(hits[0]);
      }
    });
    $("filter-doc").addEventListener("change", function (evt) {
      FL.state.doc = evt.target.value;
      refresh();
    });
    $("relayout").addEventListener("click", function () {
      FL.graph.relayout();
    });
    $("show-isolated").addEventListener("change", function (evt) {
      FL.state.showIsolated = evt.target.checked;
      FL.graph.apply();
      FL.graph.relayout();
    });
    $("map-mode").addEventListener("change", function (evt) {
      FL.map.mode = evt.target.value;
      FL.map.draw();
    });
    $("map-nonstate").addEventListener("change", function (evt) {
      FL.map.nonState = evt.target.checked;
      FL.map.draw();
    });
    $("map-world").addEventListener("change", function (evt) {
      FL.map.world = evt.target.checked;
      FL.map.draw();
    });
    FL.on(function (what) {
      if (what === "selection") FL.graph.select();
    });
    var form = $("read-form");
    if (form) {
      FL.panels.initRead(form, function () {
        reload().then(function () {
          showTab("graph");
        }, FL.reportError);
      });
    }
    window.addEventListener("resize", function () {
      if (current === "map") FL.map.draw();
      if (current === "graph") FL.graph.resize();
    });
    reload().catch(FL.reportError);
  });
})();
