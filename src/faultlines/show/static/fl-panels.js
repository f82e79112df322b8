/* faultlines show: the claims table, structure and forecast panels, documents, and reading a new
 * article from the page. Panels show what the capabilities computed, or say plainly that a
 * capability is not available in this version. */
(function () {
  "use strict";
  var FL = window.FL;
  var el = FL.el;

  function unavailable(container, panel, name) {
    container.appendChild(el("p", { class: "notice" }, panel && panel.message ? panel.message : name + ": not available in this version"));
  }

  // A generic, safe rendering of a JSON result: scalars as text, arrays of objects as tables.
  function renderValue(value, depth) {
    depth = depth || 0;
    if (value === null || value === undefined) return el("span", { class: "muted" }, "—");
    if (typeof value !== "object") return document.createTextNode(typeof value === "number" ? String(Math.round(value * 1000) / 1000) : String(value));
    if (Array.isArray(value)) {
      if (!value.length) return el("span", { class: "muted" }, "none");
      if (typeof value[0] === "object" && value[0] !== null && !Array.isArray(value[0])) {
        var cols = Object.keys(value[0]).slice(0, 8);
        var table = el("table", { class: "data" }, el("thead", null, el("tr", null, cols.map(function (c) { return el("th", null, FL.label(c)); }))));
        var body = el("tbody");
        value.slice(0, 200).forEach(function (row) {
          body.appendChild(el("tr", null, cols.map(function (c) { return el("td", null, renderValue(row[c], depth + 1)); })));
        });
        table.appendChild(body);
        return table;
      }
      return document.createTextNode(value.map(function (v) { return typeof v === "object" ? JSON.stringify(v) : FL.state.actors[v] ? FL.actorName(v) : String(v); }).join(", "));
    }
    var dl = el("dl", { class: "result" });
    Object.keys(value).forEach(function (key) {
      dl.appendChild(el("dt", null, FL.label(key)));
      dl.appendChild(el("dd", null, depth > 3 ? JSON.stringify(value[key]) : renderValue(value[key], depth + 1)));
    });
    return dl;
  }
  FL.renderValue = renderValue;

  // A claim's value as a reader would write it: 100,000; 12–23 million; office: Prime Minister.
  function formatValue(v) {
    if (v === null || v === undefined || v === "") return "";
    if (typeof v === "number") return v.toLocaleString("en");
    if (typeof v !== "object") return String(v);
    if (Array.isArray(v)) return v.map(formatValue).join(", ");
    if ("low" in v || "high" in v) {
      var lo = formatValue(v.low), hi = formatValue(v.high);
      return lo === hi || !hi ? lo : !lo ? hi : lo + "–" + hi;
    }
    return Object.keys(v).filter(function (k) { return v[k] !== "" && v[k] !== null; }).map(function (k) { return FL.label(k) + ": " + formatValue(v[k]); }).join(", ");
  }
  FL.formatValue = formatValue;

  // Choose the two poles of the issue (the app recomputes; the report shows the default issue).
  function polePicker(container, panel) {
    var related = {};
    FL.state.data.relations.forEach(function (r) { related[r.a] = related[r.b] = true; });
    var ids = Object.keys(related).sort(function (a, b) { return FL.actorName(a).localeCompare(FL.actorName(b)); });
    function select(name, chosen) {
      var box = el("select", { name: name, "aria-label": name });
      ids.forEach(function (id) { box.appendChild(el("option", { value: id, selected: id === chosen }, FL.actorName(id))); });
      return box;
    }
    if (ids.length < 2) return document.createTextNode("");
    var poles = (panel && panel.poles) || [ids[0], ids[1]];
    var a = select("pole-a", poles[0]), b = select("pole-b", poles[1]);
    var go = el("button", { type: "button", class: "small-button", onclick: function () {
      if (a.value === b.value) return;
      FL.clear(container);
      container.appendChild(el("p", { class: "muted" }, "running the forecast…"));
      fetch("/api/forecast?a=" + encodeURIComponent(a.value) + "&b=" + encodeURIComponent(b.value))
        .then(FL.json)
        .then(function (result) { FL.panels.drawForecast(container, result); }, FL.reportError);
    } }, "Forecast");
    return el("div", { class: "pole-picker" }, ["Issue: alignment between ", a, " and ", b, " ", go]);
  }

  function card(title, value, note) {
    return el("div", { class: "card" }, [el("div", { class: "card-title" }, title), el("div", { class: "card-value" }, value), el("div", { class: "card-note" }, note || "")]);
  }

  var LINE_COLOURS = ["#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#17becf", "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22"];

  function distribution(mc, scale) {
    var W = 640, H = 90, pad = 40;
    var svg = FL.svg("svg", { width: W, height: H, class: "chart" });
    function x(v) { return pad + ((v - scale.min) / (scale.max - scale.min || 1)) * (W - 2 * pad); }
    svg.appendChild(FL.svg("line", { x1: pad, y1: 60, x2: W - pad, y2: 60, stroke: "#90a4ae" }));
    [scale.min, (scale.min + scale.max) / 2, scale.max].forEach(function (v) {
      var t = FL.svg("text", { x: x(v), y: 78, "text-anchor": "middle", class: "axis" });
      t.textContent = String(v);
      svg.appendChild(t);
    });
    [["eu", "#1f5f99", 22], ["compromise", "#ef6c00", 44]].forEach(function (row) {
      var d = mc[row[0]];
      if (!d) return;
      svg.appendChild(FL.svg("rect", { x: x(d.p10), y: row[2] - 6, width: Math.max(2, x(d.p90) - x(d.p10)), height: 12, fill: row[1], opacity: 0.35 }));
      svg.appendChild(FL.svg("line", { x1: x(d.median), y1: row[2] - 9, x2: x(d.median), y2: row[2] + 9, stroke: row[1], "stroke-width": 3 }));
      var label = FL.svg("text", { x: 2, y: row[2] + 4, class: "axis" });
      label.textContent = row[0] === "eu" ? "EU" : "comp.";
      svg.appendChild(label);
    });
    return el("div", null, [svg, el("div", { class: "muted small" }, "Bars: 10th–90th percentile of outcomes over the Monte Carlo runs; tick: median.")]);
  }

  function roundsChart(rounds, actors, scale) {
    var W = 680, H = 280, left = 40, right = 170, top = 10, bottom = 30;
    var svg = FL.svg("svg", { width: W, height: H, class: "chart" });
    var n = rounds.length;
    function x(t) { return left + (n > 1 ? (t / (n - 1)) * (W - left - right) : 0); }
    function y(v) { return top + (1 - (v - scale.min) / (scale.max - scale.min || 1)) * (H - top - bottom); }
    svg.appendChild(FL.svg("line", { x1: left, y1: y(scale.min), x2: W - right, y2: y(scale.min), stroke: "#cfd8dc" }));
    svg.appendChild(FL.svg("line", { x1: left, y1: y(scale.max), x2: W - right, y2: y(scale.max), stroke: "#cfd8dc" }));
    [scale.min, scale.max].forEach(function (v) {
      var t = FL.svg("text", { x: left - 6, y: y(v) + 4, "text-anchor": "end", class: "axis" });
      t.textContent = String(v);
      svg.appendChild(t);
    });
    var xl = FL.svg("text", { x: (left + W - right) / 2, y: H - 6, "text-anchor": "middle", class: "axis" });
    xl.textContent = "round";
    svg.appendChild(xl);
    var ends = [];
    actors.forEach(function (a, i) {
      var pts = rounds.map(function (r, t) { return x(t) + "," + y(r.positions[a.id]); }).join(" ");
      var colour = LINE_COLOURS[i % LINE_COLOURS.length];
      svg.appendChild(FL.svg("polyline", { points: pts, fill: "none", stroke: colour, "stroke-width": 2 }));
      ends.push({ name: a.name, colour: colour, y: y(rounds[n - 1].positions[a.id]) });
    });
    // Labels at the line ends, pushed apart so that actors ending at the same position stay legible.
    ends.sort(function (p, q) { return p.y - q.y; });
    var previous = -Infinity;
    ends.forEach(function (end) {
      var at = Math.max(end.y + 4, previous + 13);
      previous = at;
      var label = FL.svg("text", { x: W - right + 6, y: at, class: "series", fill: end.colour });
      label.textContent = end.name;
      svg.appendChild(label);
    });
    var med = rounds.map(function (r, t) { return x(t) + "," + y(r.median); }).join(" ");
    svg.appendChild(FL.svg("polyline", { points: med, fill: "none", stroke: "#14233a", "stroke-width": 3, "stroke-dasharray": "6,3" }));
    return el("div", null, [svg, el("div", { class: "muted small" }, "Dashed black: weighted median position (the forecast).")]);
  }

  FL.panels = {
    claims: function (container) {
      FL.clear(container);
      var data = FL.state.data;
      var check = data.panels.check || {};
      if (!check.available) unavailable(container, check, "check");
      else if (check.message) container.appendChild(el("p", { class: "notice" }, check.message));
      if (!data.claims.length) {
        container.appendChild(el("p", { class: "muted" }, "No checkable claims were read."));
        return;
      }
      var table = el("table", { class: "data claims" }, el("thead", null, el("tr", null, ["Claim (as read)", "What is claimed", "Verdict", "Why", "Reference", "Source"].map(function (h) { return el("th", null, h); }))));
      var body = el("tbody");
      data.claims.forEach(function (c) {
        var v = c.verdict;
        var q = c.quote;
        var lo = q.highlight[0], hi = q.highlight[1];
        body.appendChild(
          el("tr", null, [
            el("td", { class: "claim-text" }, [q.sentence.slice(0, lo), el("mark", null, q.sentence.slice(lo, hi)), q.sentence.slice(hi), el("div", { class: "muted small" }, [FL.link(q.url, q.title || c.doc_id), q.date ? " · " + q.date : ""])]),
            el("td", null, [c.subject ? FL.actorName(c.subject) : "", c.predicate ? FL.label(c.predicate) : FL.label(c.kind), formatValue(c.value)].filter(Boolean).join(" · ")),
            el("td", null, v ? el("span", { class: "verdict v-" + v.label }, FL.label(v.label)) : el("span", { class: "verdict v-unchecked" }, c.checkable ? "unchecked" : "not checkable")),
            el("td", null, v ? v.explanation : ""),
            el("td", null, v ? formatValue(v.reference) : ""),
            el("td", null, v ? FL.link(v.source_url, v.source) : ""),
          ])
        );
      });
      table.appendChild(body);
      container.appendChild(table);
    },
    structure: function (container) {
      FL.clear(container);
      container.appendChild(el("p", { class: "muted" }, "computing the structure…"));
      FL.source.panel("structure").then(function (panel) {
        FL.panels.drawStructure(container, panel);
      }, function (e) {
        FL.clear(container);
        container.appendChild(el("p", { class: "error" }, "structure failed: " + e.message));
      });
    },
    drawStructure: function (container, panel) {
      FL.clear(container);
      container.setAttribute("data-loaded", "1");
      if (!panel || !panel.available) return unavailable(container, panel, "structure");
      if (panel.empty) return container.appendChild(el("p", { class: "muted" }, panel.message));
      var r = panel.result;
      var names = (r.graph && r.graph.actors) || {};
      function nm(id) { return names[id] || FL.actorName(id); }
      var fr = r.frustration || {};
      var cards = el("div", { class: "cards" }, [
        card("Frustration index", String(fr.index), (fr.optimal ? "exact" : "bound " + fr.lower_bound) + " · " + (fr.edges || 0) + " edges"),
        card("Balance (normalised)", String(Math.round((fr.normalized || 0) * 1000) / 1000), "1 = perfectly balanced"),
        card("Triangles", String(r.triads_total || 0), (r.unbalanced_total || 0) + " unbalanced"),
        card("Graph", (r.graph ? r.graph.nodes : 0) + " actors", (r.graph ? r.graph.edges + " relations, " + r.graph.negative + " hostile" : "")),
      ]);
      container.appendChild(cards);
      var blocs = r.blocs && r.blocs.blocs;
      if (blocs && blocs.length) {
        container.appendChild(el("h3", null, "Blocs (" + blocs.length + ", " + (r.blocs.errors || 0) + " relations against the split)"));
        var row = el("div", { class: "blocs" });
        blocs.forEach(function (members, i) {
          row.appendChild(el("div", { class: "bloc bloc" + (i % 8) }, [el("b", null, "Bloc " + (i + 1)), el("ul", null, members.map(function (m) { return el("li", null, nm(m)); }))]));
        });
        container.appendChild(row);
      }
      if (r.census) {
        container.appendChild(el("h3", null, "Triad census"));
        container.appendChild(el("p", null, ["+++", "+--", "++-", "---"].map(function (k) { return k + " " + (r.census[k] || 0) + "   "; }).join("") + " (++- and --- are unbalanced)"));
      }
      var triads = (r.triads || []).slice().sort(function (a, b) { return (a.balanced ? 1 : 0) - (b.balanced ? 1 : 0); });
      container.appendChild(el("h3", null, "Triangles (unbalanced first)"));
      if (!triads.length) container.appendChild(el("p", { class: "muted" }, "No closed triangles among the relations."));
      else {
        var table = el("table", { class: "data" }, el("thead", null, el("tr", null, ["Actors", "Pattern", "Balanced", "Sides (click for evidence)"].map(function (h) { return el("th", null, h); }))));
        var body = el("tbody");
        triads.forEach(function (t) {
          var sides = el("div", { class: "sides" });
          (t.edges || []).forEach(function (e) {
            var id = [e.u, e.v].sort().join("|");
            sides.appendChild(el("button", { type: "button", class: "linklike side", onclick: function () { FL.selectEdge(id); } }, nm(e.u) + (e.sign > 0 ? " + " : " − ") + nm(e.v)));
          });
          body.appendChild(el("tr", { class: t.balanced ? "" : "unbalanced" }, [el("td", null, t.names.join(" · ")), el("td", { class: "mono" }, t.pattern), el("td", null, t.balanced ? "yes" : "no"), el("td", null, sides)]));
        });
        table.appendChild(body);
        container.appendChild(table);
      }
    },
    forecast: function (container) {
      FL.clear(container);
      container.appendChild(el("p", { class: "muted" }, "running the forecast…"));
      FL.source.panel("forecast").then(function (panel) {
        FL.panels.drawForecast(container, panel);
      }, function (e) {
        FL.clear(container);
        container.appendChild(el("p", { class: "error" }, "forecast failed: " + e.message));
      });
    },
    drawForecast: function (container, panel) {
      FL.clear(container);
      container.setAttribute("data-loaded", "1");
      if (FL.state.mode === "app") container.appendChild(polePicker(container, panel));
      if (!panel || !panel.available) return unavailable(container, panel, "forecast");
      if (panel.empty) return container.appendChild(el("p", { class: "muted" }, panel.message));
      var r = panel.result;
      var scale = r.issue.scale;
      container.appendChild(el("p", null, [el("b", null, r.issue.name), " — " + r.issue.description]));
      container.appendChild(el("p", { class: "muted small" }, "Scale " + scale.min + " = " + scale.min_label + ", " + scale.max + " = " + scale.max_label + ". " + (r.notes || []).join(" ")));
      var mc = r.monte_carlo;
      container.appendChild(el("div", { class: "cards" }, [
        card("Expected-utility outcome", r.eu ? String(Math.round(r.eu.outcome * 10) / 10) : "—", r.eu ? r.eu.dynamics + (r.eu.converged_round !== null ? ", converged at round " + r.eu.converged_round : "") : ""),
        card("Compromise baseline", String(Math.round(r.compromise * 10) / 10), "capability × salience weighted mean"),
        card("Monte Carlo", mc ? mc.eu.p10.toFixed(1) + " – " + mc.eu.p90.toFixed(1) : "—", mc ? "10–90% of " + mc.runs + " runs, median " + mc.eu.median.toFixed(1) : "not run"),
      ]));
      var actors = r.actors || [];
      if (mc) {
        container.appendChild(el("h3", null, "Outcome distribution"));
        container.appendChild(distribution(mc, scale));
      }
      if (r.eu && r.eu.rounds && r.eu.rounds.length) {
        container.appendChild(el("h3", null, "Positions by round (expected-utility model)"));
        container.appendChild(roundsChart(r.eu.rounds, actors, scale));
      }
      container.appendChild(el("h3", null, "Actors (drafted inputs)"));
      container.appendChild(renderValue(actors));
    },
    documents: function (container) {
      FL.clear(container);
      var docs = FL.state.data.documents;
      var table = el("table", { class: "data" }, el("thead", null, el("tr", null, ["Title", "Date", "Source", "Characters", "Sentences", "Id"].map(function (h) { return el("th", null, h); }))));
      var body = el("tbody");
      docs.forEach(function (d) {
        body.appendChild(el("tr", null, [el("td", null, FL.link(d.url, d.title || "(untitled)")), el("td", null, d.date || "—"), el("td", null, d.source || "—"), el("td", null, String(d.chars)), el("td", null, String(d.sentences)), el("td", { class: "mono small" }, d.id)]));
      });
      table.appendChild(body);
      container.appendChild(table);
    },
    initRead: function (form, onDone) {
      var status = document.getElementById("read-status");
      var progress = document.getElementById("read-progress");
      form.addEventListener("submit", function (evt) {
        evt.preventDefault();
        var fd = new FormData(form);
        var file = fd.get("file");
        if (file && typeof file !== "string" && !file.size) fd.delete("file");
        status.textContent = "uploading…";
        progress.value = 0.05;
        fetch("/api/read", { method: "POST", body: fd })
          .then(FL.json)
          .then(function (job) {
            poll(job.id);
          })
          .catch(function (e) {
            status.textContent = "Could not read: " + e.message;
            progress.value = 0;
          });
      });
      function poll(id) {
        fetch("/api/jobs/" + encodeURIComponent(id))
          .then(FL.json)
          .then(function (job) {
            progress.value = job.progress || 0;
            status.textContent = job.message + (job.state === "done" ? " — " + job.actors + " actors, " + job.events + " events" : "");
            status.setAttribute("data-state", job.state);
            if (job.state === "done") onDone(job);
            else if (job.state !== "error") setTimeout(function () { poll(id); }, 400);
          })
          .catch(function (e) {
            status.textContent = "Lost the job: " + e.message;
          });
      }
    },
  };
})();
