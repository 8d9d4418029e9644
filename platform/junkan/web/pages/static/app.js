// Renders every figure whose JSON spec the server embedded, and applies filters on change.
(function () {
  "use strict";
  function draw() {
    document.querySelectorAll("[data-figure]").forEach(function (el) {
      var spec = JSON.parse(document.getElementById(el.dataset.figure).textContent);
      window.Plotly.newPlot(el, spec.data, spec.layout, {
        displaylogo: false,
        responsive: true,
        // Plotly's "Share chart" uploads the figure to Plotly Cloud: never offered here.
        modeBarButtonsToRemove: ["select2d", "lasso2d", "sendChartToCloud", "sendDataToCloud"],
        showSendToCloud: false,
        showEditInChartStudio: false,
        showLink: false,
        plotlyServerURL: "",
      }).then(function () {
        el.dataset.renderedAt = String(Math.round(performance.now()));
        el.dataset.rendered = "true";
      });
    });
  }
  function autoSubmit() {
    document.querySelectorAll("form.filters select").forEach(function (select) {
      select.addEventListener("change", function () {
        select.form.requestSubmit();
      });
    });
  }
  function start() {
    performance.mark("junkan-app-start");
    autoSubmit();
    if (window.Plotly) {
      draw();
    }
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
