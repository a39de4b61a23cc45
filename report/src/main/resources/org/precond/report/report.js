// Draws every plot listed in the page's JSON with Plotly, then marks each plot's element with
// data-drawn (true once Plotly put marks in it) and the body with data-plots-settled.
(function () {
  'use strict';
  var specs = JSON.parse(document.getElementById('precond-plots').textContent);
  var config = {responsive: true, displaylogo: false};

  function isThreeD(spec) {
    return spec.data.some(function (trace) {
      return /3d$/.test(trace.type) || trace.type === 'surface';
    });
  }

  // Marks, not just axes: SVG paths or heat-map images for flat plots; for 3-D plots a WebGL
  // canvas of some size, and no "WebGL is not supported" notice in its place.
  function drew(el, threeD) {
    if (threeD) {
      var canvas = el.querySelector('.gl-container canvas');
      return !!canvas && canvas.width > 0 && canvas.height > 0
          && !el.querySelector('div.no-webgl');
    }
    var marks = el.querySelectorAll(
        '.cartesianlayer .overplot path, .cartesianlayer .overplot image');
    for (var i = 0; i < marks.length; i++) {
      var m = marks[i];
      var painted = m.tagName.toLowerCase() === 'image'
          ? (m.getAttribute('href') || m.getAttribute('xlink:href') || '').length > 0
          : (m.getAttribute('d') || '').length > 1 && m.getAttribute('d') !== 'M0,0Z';
      if (painted) {
        return true;
      }
    }
    return false;
  }

  var pending = specs.map(function (spec) {
    var el = document.getElementById(spec.id);
    return Plotly.newPlot(el, spec.data, spec.layout, config).then(function () {
      el.setAttribute('data-drawn', drew(el, isThreeD(spec)) ? 'true' : 'false');
    }, function (error) {
      el.setAttribute('data-drawn', 'false');
      console.error('precond: plot ' + spec.id + ' failed: ' + error);
    });
  });
  Promise.all(pending).then(function () {
    document.body.setAttribute('data-plots-settled', String(specs.length));
  });
})();
