// Draws every Plotly chart whose figure JSON sits in a <script type="application/json" data-chart="ID">.
// Kept out of the page so the Content-Security-Policy needs no inline scripts.
(function () {
  "use strict";
  document.querySelectorAll('script[type="application/json"][data-chart]').forEach(function (node) {
    var target = document.getElementById(node.dataset.chart);
    if (!target || !window.Plotly) { return; }
    var figure = JSON.parse(node.textContent);
    window.Plotly.newPlot(target, figure.data, figure.layout, { responsive: true, displaylogo: false });
  });
})();
