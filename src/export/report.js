// kgx report: draws the graph with Cytoscape.js and shows evidence and documents.
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("kgx-data").textContent);
  var byId = {};
  data.nodes.forEach(function (n) { byId[n.id] = n; });
  var edgeById = {};
  data.edges.forEach(function (e) { edgeById[e.id] = e; });

  function el(tag, attrs, children) {
    var e = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) {
      if (k === "text") { e.textContent = attrs[k]; } else { e.setAttribute(k, attrs[k]); }
    });
    (children || []).forEach(function (c) { e.appendChild(typeof c === "string" ? document.createTextNode(c) : c); });
    return e;
  }
  function hexToRgba(hex, a) {
    var n = parseInt(hex.slice(1), 16);
    return "rgba(" + (n >> 16) + "," + ((n >> 8) & 255) + "," + (n & 255) + "," + a + ")";
  }
  // Text with marks: spans [start, end, class] over a string (byte offsets made char offsets).
  function byteToChar(text) {
    var map = [], b = 0;
    for (var i = 0; i < text.length; i++) {
      var c = text.codePointAt(i);
      map[b] = i;
      b += c < 0x80 ? 1 : c < 0x800 ? 2 : c < 0x10000 ? 3 : 4;
      if (c >= 0x10000) { i++; }
    }
    map[b] = text.length;
    return function (byte) { return map[byte] === undefined ? null : map[byte]; };
  }
  function marked(text, marks, make) {
    var conv = byteToChar(text);
    var spans = marks.map(function (m) { return [conv(m[0]), conv(m[1]), m]; })
      .filter(function (s) { return s[0] !== null && s[1] !== null; })
      .sort(function (a, b) { return a[0] - b[0] || b[1] - a[1]; });
    var out = [], at = 0;
    spans.forEach(function (s) {
      if (s[0] < at) { return; } // overlapping: keep the first
      if (s[0] > at) { out.push(text.slice(at, s[0])); }
      out.push(make(text.slice(s[0], s[1]), s[2]));
      at = s[1];
    });
    if (at < text.length) { out.push(text.slice(at)); }
    return out;
  }

  // ---- the graph
  var elements = data.nodes.map(function (n) {
    return { group: "nodes", data: { id: n.id, label: n.label, type: n.type, size: 18 + 5 * Math.sqrt(n.mentions), discovered: !!n.discovered } };
  }).concat(data.edges.map(function (e) {
    return { group: "edges", data: { id: e.id, source: e.source, target: e.target, relation: e.relation, weight: e.weight } };
  }));
  var style = [
    { selector: "node", style: { "label": "data(label)", "width": "data(size)", "height": "data(size)", "font-size": 10, "text-valign": "bottom", "text-margin-y": 2 } },
    { selector: "edge", style: { "width": "mapData(weight, 1, 10, 1, 6)", "curve-style": "bezier", "target-arrow-shape": "triangle", "line-color": "#999", "target-arrow-color": "#999", "label": "data(relation)", "font-size": 8, "text-rotation": "autorotate", "color": "#555", "text-background-color": "#fff", "text-background-opacity": 0.8 } },
    { selector: "node[?discovered]", style: { "border-width": 2, "border-style": "dashed", "border-color": "#222" } },
    { selector: ":selected", style: { "border-width": 3, "border-color": "#000", "line-color": "#000", "target-arrow-color": "#000" } },
    { selector: ".hidden", style: { "display": "none" } }
  ];
  Object.keys(data.colors).forEach(function (t) {
    style.push({ selector: "node[type = \"" + t + "\"]", style: { "background-color": data.colors[t] } });
  });
  var cy = cytoscape({
    container: document.getElementById("cy"),
    elements: elements,
    style: style,
    layout: data.nodes.length > 400 ? { name: "grid" } : { name: "cose", animate: false, randomize: false, nodeRepulsion: function () { return 9000; }, idealEdgeLength: function () { return 90; } },
    wheelSensitivity: 0.3
  });
  window.kgxCy = cy;
  // A small graph is not blown up to fill the page.
  if (cy.zoom() > 1.5) { cy.zoom(1.5); cy.center(); }

  document.getElementById("node-count").textContent = String(data.nodes.length);
  document.getElementById("edge-count").textContent = String(data.edges.length);
  function updateShown() {
    document.getElementById("shown-nodes").textContent = String(cy.nodes().not(".hidden").length);
    document.getElementById("shown-edges").textContent = String(cy.edges().not(".hidden").filter(function (e) {
      return !e.source().hasClass("hidden") && !e.target().hasClass("hidden");
    }).length);
  }

  // ---- filters
  var hiddenTypes = {}, hiddenRelations = {};
  function applyFilters() {
    cy.batch(function () {
      cy.nodes().forEach(function (n) { n.toggleClass("hidden", !!hiddenTypes[n.data("type")]); });
      cy.edges().forEach(function (e) {
        e.toggleClass("hidden", !!hiddenRelations[e.data("relation")] || e.source().hasClass("hidden") || e.target().hasClass("hidden"));
      });
    });
    updateShown();
  }
  function filterBox(container, value, count, color, hidden, cls) {
    var box = el("input", { type: "checkbox", "class": cls, value: value });
    box.checked = true;
    box.addEventListener("change", function () { hidden[value] = !box.checked; applyFilters(); });
    var kids = [box];
    if (color) { var sw = el("span", { "class": "swatch" }); sw.style.background = color; kids.push(sw); }
    kids.push(value + " (" + count + ")");
    container.appendChild(el("label", {}, kids));
  }
  var typeCounts = {}, relCounts = {};
  data.nodes.forEach(function (n) { typeCounts[n.type] = (typeCounts[n.type] || 0) + 1; });
  data.edges.forEach(function (e) { relCounts[e.relation] = (relCounts[e.relation] || 0) + 1; });
  Object.keys(typeCounts).sort().forEach(function (t) {
    filterBox(document.getElementById("type-filters"), t, typeCounts[t], data.colors[t], hiddenTypes, "type-filter");
  });
  Object.keys(relCounts).sort().forEach(function (r) {
    filterBox(document.getElementById("relation-filters"), r, relCounts[r], null, hiddenRelations, "relation-filter");
  });
  var left = data.documentsLeftOut;
  document.getElementById("docs-note").textContent = Object.keys(data.documents).length + " documents kept for the document view" +
    (left ? "; " + left + " more show their evidence sentences only" : "") + ".";

  // ---- search
  var names = document.getElementById("node-names");
  data.nodes.forEach(function (n) { names.appendChild(el("option", { value: n.label })); });
  function findNode(q) {
    q = q.trim().toLowerCase();
    if (!q) { return null; }
    return data.nodes.find(function (n) { return n.id === q || n.label.toLowerCase() === q; }) ||
      data.nodes.find(function (n) { return n.aliases.some(function (a) { return a.toLowerCase() === q; }); }) ||
      data.nodes.find(function (n) { return n.label.toLowerCase().indexOf(q) >= 0; }) || null;
  }
  document.getElementById("search").addEventListener("keydown", function (ev) {
    if (ev.key !== "Enter") { return; }
    var n = findNode(ev.target.value);
    if (!n) { return; }
    var node = cy.getElementById(n.id);
    cy.elements().unselect();
    node.select();
    cy.animate({ center: { eles: node }, zoom: Math.max(cy.zoom(), 1.2) }, { duration: 200 });
    showNode(n);
  });
  document.getElementById("fit").addEventListener("click", function () { cy.fit(undefined, 30); });

  // ---- details
  var details = document.getElementById("details");
  function evidenceList(evidence) {
    var ol = el("ol", { "class": "evidence" });
    evidence.forEach(function (ev) {
      var sentence = el("span", { "class": "sentence" }, marked(ev.text, ev.marks, function (t, m) {
        return el("mark", { "class": m[2], text: t });
      }));
      var link = el("a", { href: "#", "class": "doclink", "data-doc": ev.doc, text: ev.doc });
      link.addEventListener("click", function (e) { e.preventDefault(); showDoc(ev.doc, ev.sentence); });
      ol.appendChild(el("li", {}, [sentence, el("div", { "class": "meta" }, ["document ", link, ", sentence " + ev.sentence + ", rule " + ev.rule])]));
    });
    return ol;
  }
  function showEdge(e) {
    details.replaceChildren(
      el("h2", { text: byId[e.source].label + " \u2014 " + e.relation + " \u2192 " + byId[e.target].label }),
      el("p", { "class": "meta", text: "weight " + e.weight + "; documents: " + e.documents.join(", ") +
        (e.roles.length ? "; roles: " + e.roles.join(", ") : "") + (e.modalities.length ? "; modalities: " + e.modalities.join(", ") : "") }),
      el("p", { "class": "meta" }, [el("mark", { "class": "subj", text: "subject" }), " ", el("mark", { "class": "obj", text: "object" }), " ", el("mark", { "class": "trig", text: "trigger" })]),
      evidenceList(e.evidence)
    );
  }
  function showNode(n) {
    var kids = [
      el("h2", { text: n.label }),
      el("p", { "class": "meta", text: n.type + (n.subtype ? " / " + n.subtype : "") + "; " + n.mentions + " mentions" +
        (n.seen ? "; seen " + n.seen[0] + " to " + n.seen[1] : "") +
        (n.discovered ? "; discovered (not in the gazetteer)" : "") })
    ];
    if (n.aliases.length) { kids.push(el("p", { text: "Written as: " + n.aliases.join(", ") })); }
    if (n.wikidata) { kids.push(el("p", {}, ["Wikidata: ", el("a", { href: "https://www.wikidata.org/wiki/" + n.wikidata, text: n.wikidata })])); }
    var docs = el("p", {}, ["Documents: "]);
    n.documents.forEach(function (d, i) {
      var a = el("a", { href: "#", "class": "doclink", text: d });
      a.addEventListener("click", function (e) { e.preventDefault(); showDoc(d, null); });
      if (i) { docs.appendChild(document.createTextNode(", ")); }
      docs.appendChild(a);
    });
    kids.push(docs);
    data.edges.filter(function (e) { return e.source === n.id || e.target === n.id; }).forEach(function (e) {
      kids.push(el("h3", { text: byId[e.source].label + " \u2014 " + e.relation + " \u2192 " + byId[e.target].label }));
      kids.push(evidenceList(e.evidence));
    });
    details.replaceChildren.apply(details, kids);
  }
  cy.on("tap", "edge", function (evt) { showEdge(edgeById[evt.target.id()]); });
  cy.on("tap", "node", function (evt) { showNode(byId[evt.target.id()]); });

  // ---- document view
  var view = document.getElementById("docview");
  function showDoc(id, sentence) {
    var d = data.documents[id];
    view.hidden = false;
    if (!d) {
      view.replaceChildren(el("h2", { text: id }), el("p", { text: "This document is not kept in the report (over its size limit)." }));
      return;
    }
    var marks = d.mentions.map(function (m) { return [m[0], m[1], m]; });
    var parts = marked(d.text, marks, function (t, m) {
      var type = m[2][3], mark = el("mark", { "class": "ent ent-" + type, "data-entity": m[2][2], title: m[2][2] }, [t, el("span", { "class": "label", text: type })]);
      mark.style.background = hexToRgba(data.colors[type], 0.25);
      return mark;
    });
    var head = [el("h2", { text: "Document " + id })];
    if (d.meta) {
      var m = d.meta, bits = [];
      if (m.title) { bits.push(m.title); }
      if (m.date) { bits.push(m.date); }
      if (m.source) { bits.push(m.source); }
      if (m.url) { bits.push(m.url); }
      head.push(el("p", { "class": "meta", text: bits.join(" \u00b7 ") }));
    }
    var body = el("div", { "class": "doctext" }, parts);
    view.replaceChildren.apply(view, head.concat([body]));
    if (sentence !== null && d.sentences[sentence]) {
      // Outline the evidence sentence: wrap the marks and text nodes inside its range.
      var conv = byteToChar(d.text), s = conv(d.sentences[sentence][0]), e = conv(d.sentences[sentence][1]);
      var at = 0, first = null;
      Array.prototype.slice.call(body.childNodes).forEach(function (node) {
        var len = node.textContent.length - (node.nodeType === 1 ? node.lastChild.textContent.length : 0);
        if (at >= s && at + len <= e) {
          if (node.nodeType === 1) { node.classList.add("evsentence"); if (!first) { first = node; } }
        }
        at += len;
      });
      if (first) { first.scrollIntoView({ block: "center" }); }
    }
    view.scrollIntoView({ block: "nearest" });
  }

  updateShown();
  window.kgxReady = true;
})();
