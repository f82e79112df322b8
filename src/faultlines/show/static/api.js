/* faultlines show: list the endpoints of /openapi.json (built with textContent; no external assets). */
(function () {
  "use strict";
  function el(tag, text, cls) {
    var node = document.createElement(tag);
    if (text) node.textContent = text;
    if (cls) node.className = cls;
    return node;
  }
  fetch("/openapi.json")
    .then(function (r) { return r.json(); })
    .then(function (doc) {
      var box = document.getElementById("endpoints");
      while (box.firstChild) box.removeChild(box.firstChild);
      box.appendChild(el("h2", doc.info.title + " " + doc.info.version));
      box.appendChild(el("p", doc.info.description, "muted"));
      Object.keys(doc.paths).forEach(function (path) {
        Object.keys(doc.paths[path]).forEach(function (method) {
          var op = doc.paths[path][method];
          var section = el("section", null, "endpoint");
          section.appendChild(el("h3", method.toUpperCase() + " " + path, "mono"));
          section.appendChild(el("p", op.summary));
          if (op.parameters && op.parameters.length) {
            var table = el("table", null, "data");
            op.parameters.forEach(function (p) {
              var tr = el("tr");
              tr.appendChild(el("td", p.name + (p.required ? " (required)" : ""), "mono"));
              tr.appendChild(el("td", p.description));
              table.appendChild(tr);
            });
            section.appendChild(table);
          }
          box.appendChild(section);
        });
      });
    });
})();
