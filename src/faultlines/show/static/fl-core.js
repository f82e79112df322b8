/* faultlines show: shared state, safe DOM helpers, data source, filters and the evidence panel.
 *
 * Article text is hostile. Every string that came from a document is put into the page with
 * textContent / createTextNode, never innerHTML; links are made only from http(s) URLs.
 */
(function () {
  "use strict";

  var FL = (window.FL = window.FL || {});

  /* ---------- DOM helpers ---------- */

  // el("div", {class: "x", onclick: f}, [child, "text"]): strings become text nodes, never HTML.
  FL.el = function (tag, attrs, children) {
    var node = document.createElement(tag);
    if (attrs) {
      Object.keys(attrs).forEach(function (key) {
        var value = attrs[key];
        if (value === null || value === undefined || value === false) return;
        if (key === "text") node.textContent = String(value);
        else if (key.slice(0, 2) === "on" && typeof value === "function") node.addEventListener(key.slice(2), value);
        else if (key === "class") node.className = value;
        else if (key === "href") {
          var safe = FL.safeHref(value);
          if (safe) node.setAttribute("href", safe);
        } else node.setAttribute(key, value === true ? "" : String(value));
      });
    }
    FL.append(node, children);
    return node;
  };

  FL.append = function (node, children) {
    if (children === null || children === undefined) return node;
    if (!Array.isArray(children)) children = [children];
    children.forEach(function (child) {
      if (child === null || child === undefined || child === false) return;
      node.appendChild(typeof child === "string" || typeof child === "number" ? document.createTextNode(String(child)) : child);
    });
    return node;
  };

  FL.svg = function (tag, attrs) {
    var node = document.createElementNS("http://www.w3.org/2000/svg", tag);
    Object.keys(attrs || {}).forEach(function (key) {
      node.setAttribute(key, String(attrs[key]));
    });
    return node;
  };

  FL.clear = function (node) {
    while (node.firstChild) node.removeChild(node.firstChild);
    return node;
  };

  // Only absolute http(s) URLs become links; javascript:, data:, relative paths do not.
  FL.safeHref = function (url) {
    if (typeof url !== "string" || !url) return null;
    try {
      var parsed = new URL(url);
      if (parsed.protocol === "http:" || parsed.protocol === "https:") return parsed.href;
    } catch (e) {
      return null;
    }
    return null;
  };

  FL.link = function (url, text) {
    var safe = FL.safeHref(url);
    if (!safe) return document.createTextNode(text || "");
    return FL.el("a", { href: safe, target: "_blank", rel: "noopener noreferrer nofollow" }, text || safe);
  };

  /* ---------- colours and styles shared by views and legends ---------- */

  FL.SIGN_COLOURS = { "1": "#2e7d32", "-1": "#c62828", "0": "#78909c" };
  FL.signColour = function (sign) {
    return FL.SIGN_COLOURS[String(sign > 0 ? 1 : sign < 0 ? -1 : 0)];
  };
  FL.signWord = function (sign) {
    return sign > 0 ? "cooperative (+)" : sign < 0 ? "hostile (−)" : "mixed (0)";
  };
  FL.KIND_COLOURS = {
    state: "#1f5f99",
    person: "#8e44ad",
    ethnic_group: "#d35400",
    religious_group: "#b7950b",
    organisation: "#16a085",
    weapon_system: "#5d6d7e",
    place: "#7f8c8d",
  };
  FL.KIND_SHAPES = {
    state: "round-rectangle",
    person: "ellipse",
    ethnic_group: "hexagon",
    religious_group: "octagon",
    organisation: "diamond",
    weapon_system: "triangle",
    place: "tag",
  };
  // Relation kinds are told apart by dash pattern (colour is kept for the sign).
  FL.DASHES = {
    military: [1, 0],
    territory: [10, 3],
    energy: [8, 4],
    trade: [3, 3],
    diplomatic: [12, 4, 2, 4],
    intelligence: [2, 6],
    kinship: [6, 2, 1, 2],
    religion: [1, 4],
    general: [4, 4],
  };
  FL.label = function (kind) {
    return String(kind || "").replace(/_/g, " ");
  };

  /* ---------- state shared by all views ---------- */

  FL.state = {
    data: null, // the bundle
    actors: {}, // id -> actor row
    kinds: null, // Set of relation kinds shown
    actorKinds: null, // Set of actor kinds shown
    signs: null, // Set of relation signs shown ("1", "-1", "0")
    doc: "", // "" = all documents, else a document id
    showIsolated: false, // draw actors that have no relation shown
    window: null, // null = all time, else [startISO, endISO]
    selected: null, // {type: "actor"|"edge"|"event", id}
    mode: "app", // "app" (served) or "report" (single file)
  };
  var listeners = [];
  FL.on = function (fn) {
    listeners.push(fn);
  };
  FL.emit = function (what) {
    listeners.forEach(function (fn) {
      try {
        fn(what);
      } catch (e) {
        FL.reportError(e);
      }
    });
  };
  FL.reportError = function (e) {
    if (window.console) console.error(e);
    var bar = document.getElementById("fl-status");
    if (bar) bar.textContent = "Error: " + (e && e.message ? e.message : String(e));
  };

  FL.panelCache = {};
  FL.setData = function (data) {
    FL.state.data = data;
    FL.panelCache = {};
    FL.state.actors = {};
    data.actors.forEach(function (a) {
      FL.state.actors[a.id] = a;
    });
    FL.state.kinds = new Set(data.relation_kinds);
    FL.state.actorKinds = new Set(data.actor_kinds);
    FL.state.signs = new Set(["1", "-1", "0"]);
    FL.state.window = null;
    FL.edgeIndex = {};
    data.relations.forEach(function (r) {
      FL.edgeIndex[r.id] = r;
    });
  };

  FL.actorName = function (id) {
    var a = FL.state.actors[id];
    return a ? a.name : id;
  };

  /* ---------- the filter rule (same as faultlines.show.views.filter_relations) ---------- */

  FL.windowActive = function () {
    return FL.state.window !== null;
  };

  FL.overlaps = function (lo, hi) {
    var w = FL.state.window;
    if (!w) return true;
    if (!lo || !hi) return false; // undated evidence only passes an open window
    return !(hi < w[0] || lo > w[1]);
  };

  FL.relationVisible = function (r) {
    var st = FL.state;
    var ka = st.actors[r.a], kb = st.actors[r.b];
    if (!ka || !kb || !st.actorKinds.has(ka.kind) || !st.actorKinds.has(kb.kind)) return false;
    if (st.doc && r.docs.indexOf(st.doc) < 0) return false;
    if (!st.signs.has(String(r.sign > 0 ? 1 : r.sign < 0 ? -1 : 0))) return false;
    if (!r.times.length) return !FL.windowActive() && st.kinds.size === st.data.relation_kinds.length;
    for (var i = 0; i < r.times.length; i++) {
      if (!st.kinds.has(r.ev_kinds[i])) continue;
      if (!FL.overlaps(r.times[i][0], r.times[i][1])) continue;
      return true;
    }
    return false;
  };

  FL.visibleRelations = function () {
    return FL.state.data.relations.filter(FL.relationVisible);
  };

  FL.eventVisible = function (ev) {
    var st = FL.state;
    if (st.doc && ev.doc_id !== st.doc) return false;
    return FL.overlaps(ev.start, ev.end);
  };

  /* ---------- data source: the server API or the data embedded in the report ---------- */

  function readEmbedded(id) {
    var node = document.getElementById(id);
    return node ? JSON.parse(node.textContent) : null;
  }

  FL.source = {
    bundle: function () {
      var embedded = readEmbedded("fl-data");
      if (embedded) {
        FL.state.mode = "report";
        return Promise.resolve(embedded);
      }
      return fetch("/api/bundle", { credentials: "same-origin" }).then(FL.json);
    },
    atlas: function () {
      var embedded = readEmbedded("fl-atlas");
      if (embedded) return Promise.resolve(embedded);
      return fetch("/static/vendor/countries-110m.json").then(FL.json);
    },
    // Structure/forecast results: embedded in the report, computed on demand by the server.
    panel: function (name) {
      var data = FL.state.data;
      if (data.panels && data.panels[name]) return Promise.resolve(data.panels[name]);
      if (FL.state.mode === "report") return Promise.resolve(null);
      if (!FL.panelCache[name]) FL.panelCache[name] = fetch("/api/" + name).then(FL.json);
      return FL.panelCache[name];
    },
    evidence: function (key) {
      var data = FL.state.data;
      if (data.evidence) return Promise.resolve(data.evidence[key] || []);
      var query;
      if (key.indexOf("edge:") === 0) {
        var r = FL.edgeIndex[key.slice(5)];
        query = "a=" + encodeURIComponent(r.a) + "&b=" + encodeURIComponent(r.b);
      } else query = "actor=" + encodeURIComponent(key.slice(6));
      return fetch("/api/evidence?" + query).then(FL.json);
    },
  };

  FL.json = function (response) {
    if (!response.ok) {
      return response.json().then(
        function (body) {
          throw new Error(body && body.error ? body.error : response.status + " " + response.statusText);
        },
        function () {
          throw new Error(response.status + " " + response.statusText);
        }
      );
    }
    return response.json();
  };

  /* ---------- the evidence panel ---------- */

  FL.quote = function (q) {
    var text = q.sentence || "";
    var lo = Math.max(0, Math.min(q.highlight ? q.highlight[0] : 0, text.length));
    var hi = Math.max(lo, Math.min(q.highlight ? q.highlight[1] : 0, text.length));
    var block = FL.el("blockquote", { class: "quote" }, [
      text.slice(0, lo),
      FL.el("mark", null, text.slice(lo, hi)),
      text.slice(hi),
    ]);
    var meta = FL.el("div", { class: "quote-meta" });
    if (q.kind) meta.appendChild(FL.el("span", { class: "badge kind" }, FL.label(q.kind)));
    if (q.sign !== undefined && q.sign !== null)
      meta.appendChild(FL.el("span", { class: "badge sign sign" + (q.sign > 0 ? "pos" : q.sign < 0 ? "neg" : "zero") }, q.sign > 0 ? "+" : q.sign < 0 ? "−" : "0"));
    if (q.item_type) meta.appendChild(FL.el("span", { class: "badge" }, q.item_type));
    if (q.time_text) meta.appendChild(FL.el("span", { class: "when" }, "“" + q.time_text + "”"));
    var src = FL.el("div", { class: "quote-source" }, [
      FL.link(q.url, q.title || q.doc_id || "untitled"),
      q.source ? " · " + q.source : "",
      q.date ? " · " + q.date : "",
    ]);
    var dated = q.start ? (q.start === q.end ? q.start : q.start + " – " + q.end) : "undated";
    var outside = FL.windowActive() && !FL.overlaps(q.start, q.end);
    return FL.el("li", { class: "evidence" + (outside ? " outside" : ""), title: outside ? "outside the time window" : null }, [
      block,
      meta,
      src,
      FL.el("div", { class: "quote-date" }, dated),
    ]);
  };

  FL.showEvidence = function (title, facts, loader, extra) {
    var panel = document.getElementById("evidence");
    FL.clear(panel);
    panel.appendChild(FL.el("h2", null, title));
    if (facts && facts.length) {
      var dl = FL.el("dl", { class: "facts" });
      facts.forEach(function (pair) {
        dl.appendChild(FL.el("dt", null, pair[0]));
        dl.appendChild(FL.el("dd", null, pair[1]));
      });
      panel.appendChild(dl);
    }
    if (extra) panel.appendChild(extra);
    var list = FL.el("ol", { class: "evidence-list" }, FL.el("li", { class: "muted" }, "loading evidence…"));
    panel.appendChild(FL.el("h3", null, "Evidence"));
    panel.appendChild(list);
    loader().then(
      function (items) {
        FL.clear(list);
        if (!items.length) list.appendChild(FL.el("li", { class: "muted" }, "no evidence quotes"));
        items.forEach(function (q) {
          list.appendChild(FL.quote(q));
        });
        panel.setAttribute("data-count", String(items.length));
      },
      function (e) {
        FL.clear(list);
        list.appendChild(FL.el("li", { class: "error" }, "could not load evidence: " + e.message));
      }
    );
  };

  FL.selectEdge = function (edgeId) {
    var r = FL.edgeIndex[edgeId];
    if (!r) return;
    FL.state.selected = { type: "edge", id: edgeId };
    FL.showEvidence(
      FL.actorName(r.a) + " — " + FL.actorName(r.b),
      [
        ["sign", FL.signWord(r.sign)],
        ["weight", String(Math.round(r.weight * 100) / 100)],
        ["kinds", r.kinds.map(FL.label).join(", ") || "—"],
        ["period", r.first ? r.first + " – " + (r.last || "") : "undated"],
        ["evidence", String(r.evidence)],
      ],
      function () {
        return FL.source.evidence("edge:" + edgeId);
      }
    );
    FL.emit("selection");
  };

  FL.selectActor = function (actorId) {
    var a = FL.state.actors[actorId];
    if (!a) return;
    FL.state.selected = { type: "actor", id: actorId };
    var rels = FL.state.data.relations.filter(function (r) {
      return r.a === actorId || r.b === actorId;
    });
    var relList = FL.el("ul", { class: "rel-list" });
    rels.sort(function (x, y) {
      return y.weight - x.weight;
    });
    rels.forEach(function (r) {
      var other = r.a === actorId ? r.b : r.a;
      relList.appendChild(
        FL.el("li", null, [
          FL.el("span", { class: "dot sign" + (r.sign > 0 ? "pos" : r.sign < 0 ? "neg" : "zero") }),
          FL.el("button", { class: "linklike", type: "button", onclick: function () { FL.selectEdge(r.id); } }, FL.actorName(other)),
          FL.el("span", { class: "muted" }, " " + r.kinds.map(FL.label).join(", ")),
        ])
      );
    });
    var facts = [
      ["kind", FL.label(a.kind)],
      ["id", a.id],
      ["home state", a.home_state || "—"],
      ["mentions", String(a.mentions)],
      ["relations", String(rels.length)],
    ];
    if (a.states && a.states.length) facts.push(["states", a.states.join(", ")]);
    var extra = FL.el("div", null, [FL.el("h3", null, "Relations"), rels.length ? relList : FL.el("p", { class: "muted" }, "none")]);
    FL.showEvidence(a.name, facts, function () {
      return FL.source.evidence("actor:" + actorId);
    }, extra);
    FL.emit("selection");
  };

  FL.selectEvent = function (ev) {
    FL.state.selected = { type: "event", id: ev.id };
    FL.showEvidence(
      ev.type + (ev.mode ? " (" + ev.mode + ")" : ""),
      [
        ["by", ev.sources.map(FL.actorName).join(", ") || "—"],
        ["towards", ev.targets.map(FL.actorName).join(", ") || "—"],
        ["when", ev.start ? (ev.start === ev.end ? ev.start : ev.start + " – " + ev.end) + " (" + ev.granularity + ")" : "undated"],
        ["asserted", ev.asserted ? "yes" : "hedged or negated"],
      ],
      function () {
        return Promise.resolve([Object.assign({ item_type: "event", start: ev.start, end: ev.end, time_text: ev.time_text }, ev.quote)]);
      }
    );
  };

  FL.dayNumber = function (iso) {
    return Math.floor(Date.parse(iso + "T00:00:00Z") / 86400000);
  };
  FL.isoOfDay = function (day) {
    return new Date(day * 86400000).toISOString().slice(0, 10);
  };
})();
