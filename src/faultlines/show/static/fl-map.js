/* faultlines show: the map (d3-geo + topojson-client + world-atlas 110m). States are coloured by
 * their relation to a selected actor, or by bloc when the structure capability provides blocs;
 * relations between located actors are drawn as great-circle arcs. */
(function () {
  "use strict";
  var FL = window.FL;
  var atlas = null;
  var features = null;
  var byId = {};
  var BLOC_COLOURS = ["#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#17becf", "#8c564b", "#e377c2"];

  // Where an actor sits on the map: states always; other actors (leaders, groups) at their home
  // state only when "non-state actors" is ticked, so a leader's handshake is not drawn as a state's.
  function actorPlace(id) {
    var a = FL.state.actors[id];
    if (!a || !a.places || !a.places.length) return null;
    return a.kind === "state" || FL.map.nonState ? a.places[0] : null;
  }

  // A state's anchor on the map: its capital (from the bundle), else the centroid of its shape.
  function anchor(place) {
    var a = FL.state.data.anchors && FL.state.data.anchors[place];
    return a ? a : byId[place] ? window.d3.geoCentroid(byId[place]) : null;
  }

  function blocsOf() {
    var panel = FL.map.structure;
    var result = panel && panel.available && panel.result;
    var blocs = result && result.blocs && (Array.isArray(result.blocs) ? result.blocs : result.blocs.blocs);
    if (!blocs || !blocs.length) return null;
    var out = {};
    blocs.forEach(function (bloc, i) {
      var members = Array.isArray(bloc) ? bloc : bloc.members || bloc.actors || [];
      members.forEach(function (m) {
        out[typeof m === "string" ? m : m.id] = i;
      });
    });
    return out;
  }

  function defaultFocus() {
    // The state actor with the most visible relations.
    var counts = {};
    FL.visibleRelations().forEach(function (r) {
      counts[r.a] = (counts[r.a] || 0) + r.weight;
      counts[r.b] = (counts[r.b] || 0) + r.weight;
    });
    var best = null;
    Object.keys(counts).forEach(function (id) {
      if (actorPlace(id) && (best === null || counts[id] > counts[best])) best = id;
    });
    return best;
  }

  FL.map = {
    focus: null,
    mode: "relation",
    init: function (container) {
      return FL.source.atlas().then(function (topo) {
        atlas = topo;
        features = window.topojson.feature(atlas, atlas.objects.countries).features;
        byId = {};
        features.forEach(function (f) {
          if (f.id !== undefined) byId[String(f.id)] = f;
        });
        FL.map.container = container;
        FL.map.structure = null;
        var option = document.querySelector("#map-mode option[value=bloc]");
        option.disabled = true;
        document.getElementById("map-note").textContent = "Blocs: waiting for the structure analysis…";
        FL.source.panel("structure").then(function (panel) {
          FL.map.structure = panel;
          var ok = !!blocsOf();
          option.disabled = !ok;
          document.getElementById("map-note").textContent = ok ? "" : "Blocs come from the structure capability: " + ((panel && panel.message) || "none found") + ".";
        }, function () {
          document.getElementById("map-note").textContent = "Blocs: the structure analysis failed.";
        });
        FL.map.draw();
      });
    },
    draw: function () {
      var container = FL.map.container;
      if (!container || !features) return;
      var width = container.clientWidth || 900;
      var height = container.clientHeight || 520;
      FL.clear(container);
      var svg = FL.svg("svg", { viewBox: "0 0 " + width + " " + height, width: width, height: height, class: "map-svg", role: "img", "aria-label": "map of states and relations" });
      var relations = FL.visibleRelations();
      var focus = FL.map.focus && FL.state.actors[FL.map.focus] ? FL.map.focus : defaultFocus();
      var blocs = FL.map.mode === "bloc" ? blocsOf() : null;
      var colourOf = {};
      var involved = {};
      var titleOf = {};
      FL.state.data.actors.forEach(function (a) {
        (a.places || []).forEach(function (p) {
          if (a.kind === "state" || !titleOf[p]) titleOf[p] = (titleOf[p] ? titleOf[p] + "; " : "") + a.name;
        });
      });
      if (blocs) {
        Object.keys(blocs).forEach(function (id) {
          var p = actorPlace(id);
          if (p) {
            colourOf[p] = BLOC_COLOURS[blocs[id] % BLOC_COLOURS.length];
            involved[p] = true;
          }
        });
      } else if (focus) {
        var fp = actorPlace(focus);
        if (fp) {
          colourOf[fp] = "#1f5f99";
          involved[fp] = true;
        }
        relations.forEach(function (r) {
          if (r.a !== focus && r.b !== focus) return;
          var other = r.a === focus ? r.b : r.a;
          var p = actorPlace(other);
          if (p && p !== fp) {
            colourOf[p] = r.sign > 0 ? "#81c784" : r.sign < 0 ? "#e57373" : "#b0bec5";
            involved[p] = true;
          }
        });
      }
      var arcs = [];
      relations.forEach(function (r) {
        var pa = actorPlace(r.a), pb = actorPlace(r.b);
        if (pa && pb && pa !== pb && byId[pa] && byId[pb]) {
          arcs.push({ r: r, a: pa, b: pb });
          involved[pa] = true;
          involved[pb] = true;
        }
      });
      var fitTo = Object.keys(involved).map(function (id) {
        return byId[id];
      }).filter(Boolean);
      var projection = window.d3.geoNaturalEarth1();
      if (fitTo.length && !FL.map.world) {
        // Fit the centroids of the involved states (a huge state such as Russia would otherwise zoom
        // the map out to the whole world), with room around them.
        var points = Object.keys(involved).map(anchor).filter(Boolean);
        projection.fitExtent([[width * 0.18, height * 0.18], [width * 0.82, height * 0.82]], { type: "MultiPoint", coordinates: points });
        if (!(projection.scale() <= 2500)) {
          projection.scale(2500);
          var c = projection(window.d3.geoCentroid({ type: "MultiPoint", coordinates: points }));
          var tr = projection.translate();
          projection.translate([tr[0] + width / 2 - c[0], tr[1] + height / 2 - c[1]]);
        }
        if (projection.scale() < 150) projection.fitSize([width, height], { type: "Sphere" });
      } else projection.fitSize([width, height], { type: "Sphere" });
      var path = window.d3.geoPath(projection);
      svg.appendChild(FL.svg("path", { d: path({ type: "Sphere" }), class: "sphere" }));
      var countries = FL.svg("g", { class: "countries" });
      features.forEach(function (f) {
        var id = String(f.id);
        var node = FL.svg("path", { d: path(f) || "", class: "country" + (colourOf[id] ? " coloured" : ""), fill: colourOf[id] || "#eceff1", "data-id": id });
        var title = FL.svg("title", {});
        title.textContent = (f.properties && f.properties.name ? f.properties.name : id) + (titleOf[id] ? " — " + titleOf[id] : "");
        node.appendChild(title);
        node.addEventListener("click", function () {
          var actor = FL.state.data.actors.filter(function (a) {
            return a.kind === "state" && a.places[0] === id;
          })[0];
          if (actor) {
            FL.map.focus = actor.id;
            FL.selectActor(actor.id);
            FL.map.draw();
          }
        });
        countries.appendChild(node);
      });
      svg.appendChild(countries);
      var arcLayer = FL.svg("g", { class: "arcs" });
      arcs.forEach(function (arc) {
        var ca = anchor(arc.a);
        var cb = anchor(arc.b);
        var d = path({ type: "LineString", coordinates: [ca, cb] });
        if (!d) return;
        var line = FL.svg("path", { d: d, class: "arc", stroke: FL.signColour(arc.r.sign), "stroke-width": Math.min(8, 1 + 1.6 * Math.log2(1 + arc.r.weight)), fill: "none", "data-rel": arc.r.id });
        var t = FL.svg("title", {});
        t.textContent = FL.actorName(arc.r.a) + " — " + FL.actorName(arc.r.b) + ": " + FL.signWord(arc.r.sign);
        line.appendChild(t);
        line.addEventListener("click", function () {
          FL.selectEdge(arc.r.id);
        });
        arcLayer.appendChild(line);
      });
      svg.appendChild(arcLayer);
      var labels = FL.svg("g", { class: "map-labels" });
      var placed = []; // label boxes already drawn, to keep neighbours (Yerevan, Baku) apart
      Object.keys(involved).forEach(function (id) {
        if (!byId[id]) return;
        var c = projection(anchor(id));
        if (!c || !isFinite(c[0])) return;
        labels.appendChild(FL.svg("circle", { cx: c[0], cy: c[1], r: 3, class: "capital" }));
        var name = byId[id].properties ? byId[id].properties.name : id;
        var half = name.length * 3.4 + 2, y = c[1] - 6;
        for (var tries = 0; tries < 4; tries++) {
          var clash = placed.some(function (b) { return Math.abs(b.x - c[0]) < b.half + half && Math.abs(b.y - y) < 12; });
          if (!clash) break;
          y = tries % 2 === 0 ? c[1] + 16 + 6 * tries : c[1] - 18 - 6 * tries;
        }
        placed.push({ x: c[0], y: y, half: half });
        var text = FL.svg("text", { x: c[0], y: y, class: "map-label", "text-anchor": "middle" });
        text.textContent = name;
        labels.appendChild(text);
      });
      svg.appendChild(labels);
      container.appendChild(svg);
      container.setAttribute("data-arcs", String(arcs.length));
      container.setAttribute("data-countries", String(features.length));
      document.querySelector(".map-legend").hidden = !!blocs;
      var legend = document.getElementById("map-focus");
      if (legend) legend.textContent = blocs ? "Colour: bloc (from structure)" : focus ? "Colour: relation to " + FL.actorName(focus) + " (click a state to change)" : "No located relations";
    },
  };
})();
