/* faultlines show: the actor graph (cytoscape.js). Nodes by actor kind, edges coloured by sign,
 * dashed by relation kind, width by weight. Filters hide elements; they never re-run the layout. */
(function () {
  "use strict";
  var FL = window.FL;
  var cy = null;

  function edgeWidth(weight) {
    return Math.min(12, 1.5 + 2.2 * Math.log2(1 + Math.max(0, weight)));
  }

  function nodeSize(actor) {
    return Math.min(64, 22 + 6 * Math.sqrt(actor.degree + actor.mentions / 4));
  }

  function mainKind(r) {
    // The kind with most evidence decides the dash; ties go to the order of r.kinds.
    var counts = {};
    r.ev_kinds.forEach(function (k) {
      counts[k] = (counts[k] || 0) + 1;
    });
    var best = r.kinds[0] || "general";
    r.kinds.forEach(function (k) {
      if ((counts[k] || 0) > (counts[best] || 0)) best = k;
    });
    return best;
  }

  function elements(data) {
    var nodes = data.actors.map(function (a) {
      return {
        group: "nodes",
        data: { id: a.id, label: a.name, kind: a.kind, size: nodeSize(a), colour: FL.KIND_COLOURS[a.kind] || "#555", shape: FL.KIND_SHAPES[a.kind] || "ellipse" },
      };
    });
    var edges = data.relations.map(function (r) {
      var kind = mainKind(r);
      return {
        group: "edges",
        data: {
          id: "e:" + r.id,
          rel: r.id,
          source: r.a,
          target: r.b,
          colour: FL.signColour(r.sign),
          width: edgeWidth(r.weight),
          dash: FL.DASHES[kind] || [1, 0],
          label: r.kinds.map(FL.label).join(", "),
        },
      };
    });
    return nodes.concat(edges);
  }

  // Large graphs draw straight solid edges (haystack) without label halos: dashed bezier edges cost
  // seconds of canvas time at a few thousand edges. Relation kinds stay visible through the filters.
  var LARGE_EDGES = 1500;

  function style(large) {
    if (!large) return STYLE;
    return STYLE.concat([
      { selector: "edge", style: { "curve-style": "haystack", "line-style": "solid", opacity: 0.6 } },
      { selector: "node", style: { "text-outline-width": 0, "min-zoomed-font-size": 10, "border-width": 0 } },
    ]);
  }

  var STYLE = [
    {
      selector: "node",
      style: {
        "background-color": "data(colour)",
        shape: "data(shape)",
        width: "data(size)",
        height: "data(size)",
        label: "data(label)",
        "font-size": 12,
        "font-family": "system-ui, -apple-system, Segoe UI, Roboto, sans-serif",
        color: "#1c2833",
        "text-valign": "bottom",
        "text-margin-y": 4,
        "text-outline-color": "#ffffff",
        "text-outline-width": 2,
        "min-zoomed-font-size": 7,
        "border-width": 1.5,
        "border-color": "#ffffff",
      },
    },
    {
      selector: "edge",
      style: {
        "line-color": "data(colour)",
        width: "data(width)",
        "line-style": "dashed",
        "line-dash-pattern": "data(dash)",
        "curve-style": "bezier",
        opacity: 0.85,
      },
    },
    { selector: ".hidden", style: { display: "none" } },
    { selector: ".faded", style: { opacity: 0.15 } },
    { selector: "node.match", style: { "border-color": "#f1c40f", "border-width": 5 } },
    { selector: "node:selected", style: { "border-color": "#1c2833", "border-width": 4 } },
    {
      selector: "edge:selected",
      style: {
        opacity: 1,
        "underlay-color": "#f1c40f",
        "underlay-opacity": 0.6,
        "underlay-padding": 4,
        label: "data(label)",
        "font-size": 11,
        "text-background-color": "#ffffff",
        "text-background-opacity": 0.9,
        "text-background-padding": 2,
        "text-rotation": "autorotate",
      },
    },
  ];

  function layoutOptions(n) {
    if (n <= 250)
      return {
        name: "cose",
        animate: false,
        randomize: true,
        nodeRepulsion: function () { return 400000; },
        idealEdgeLength: function () { return 120; },
        edgeElasticity: function () { return 100; },
        nodeOverlap: 40,
        gravity: 60,
        componentSpacing: 100,
        numIter: 1000,
        padding: 30,
      };
    return { name: "concentric", animate: false, padding: 20, minNodeSpacing: 6, concentric: function (node) { return node.degree(); }, levelWidth: function () { return 4; } };
  }

  FL.graph = {
    init: function (container) {
      var data = FL.state.data;
      var t0 = performance.now();
      if (cy) cy.destroy();
      cy = window.cytoscape({
        container: container,
        elements: elements(data),
        style: style(data.relations.length > LARGE_EDGES),
        minZoom: 0.05,
        maxZoom: 4,
        textureOnViewport: data.actors.length > 400,
        hideEdgesOnViewport: data.actors.length > 400,
        layout: { name: "preset" },
      });
      FL.graph.cy = cy;
      cy.on("tap", "node", function (evt) {
        FL.selectActor(evt.target.id());
      });
      cy.on("tap", "edge", function (evt) {
        FL.selectEdge(evt.target.data("rel"));
      });
      cy.one("render", function () {
        window.__flGraphRendered = performance.now() - t0;
        window.__flGraphRenderedAt = performance.now();
        container.setAttribute("data-rendered", "1");
      });
      FL.graph.apply();
      // Lay out what is shown; actors without relations are placed only when asked for.
      var shown = cy.elements().not(".hidden");
      shown.layout(layoutOptions(shown.nodes().length)).run();
      FL.graph.fit();
      return cy;
    },
    apply: function () {
      if (!cy) return;
      var visible = {};
      var touched = {};
      FL.state.data.relations.forEach(function (r) {
        if (FL.relationVisible(r)) {
          visible[r.id] = true;
          touched[r.a] = true;
          touched[r.b] = true;
        }
      });
      var showAllNodes = FL.state.showIsolated && !FL.windowActive() && !FL.state.doc;
      cy.batch(function () {
        // Touch only elements whose visibility changes: restyling thousands of elements is the cost.
        cy.edges().forEach(function (e) {
          var hide = !visible[e.data("rel")];
          if (e.hasClass("hidden") !== hide) e.toggleClass("hidden", hide);
        });
        cy.nodes().forEach(function (n) {
          var hide = !FL.state.actorKinds.has(n.data("kind")) || (!showAllNodes && !touched[n.id()]);
          if (n.hasClass("hidden") !== hide) n.toggleClass("hidden", hide);
        });
      });
      var shown = cy.edges().not(".hidden").length;
      var nodes = cy.nodes().not(".hidden").length;
      var box = document.getElementById("graph");
      box.setAttribute("data-visible-edges", String(shown));
      box.setAttribute("data-visible-nodes", String(nodes));
      var count = document.getElementById("graph-count");
      if (count) count.textContent = nodes + " actors · " + shown + " relations shown";
    },
    search: function (text) {
      if (!cy) return [];
      var q = String(text || "").trim().toLowerCase();
      cy.nodes().removeClass("match");
      if (!q) return [];
      var hits = cy.nodes().filter(function (n) {
        var a = FL.state.actors[n.id()];
        if (!a) return false;
        if (a.name.toLowerCase().indexOf(q) >= 0 || a.id.toLowerCase() === q) return true;
        return (a.aliases || []).some(function (alias) {
          return alias.toLowerCase().indexOf(q) >= 0;
        });
      });
      hits.addClass("match");
      if (hits.length) cy.animate({ fit: { eles: hits.closedNeighborhood(), padding: 60 } }, { duration: 250 });
      return hits.map(function (n) {
        return n.id();
      });
    },
    relayout: function () {
      if (!cy) return;
      cy.elements().not(".hidden").layout(layoutOptions(cy.nodes().not(".hidden").length)).run();
    },
    select: function () {
      if (!cy) return;
      var sel = FL.state.selected;
      cy.elements().unselect();
      if (!sel) return;
      if (sel.type === "actor") cy.getElementById(sel.id).select();
      if (sel.type === "edge") cy.getElementById("e:" + sel.id).select();
    },
    fit: function () {
      // Fit what is shown, but never blow a small graph up past 1.2x (labels become huge).
      cy.fit(cy.elements().not(".hidden"), 40);
      if (cy.zoom() > 1.2) {
        cy.zoom(1.2);
        cy.center(cy.elements().not(".hidden"));
      }
    },
    resize: function () {
      if (cy) {
        cy.resize();
        FL.graph.fit();
      }
    },
  };
})();
