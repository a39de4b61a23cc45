// Draws every plot listed in the page's JSON with Plotly once the head's script has unpacked it
// (window.plotlyReady), then marks each plot's element with data-drawn (true once Plotly put marks
// in it) and the body with data-plots-settled. If Plotly cannot be had, the page says why at the
// top and in each plot's place.
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

  function draw(Plotly) {
    return Promise.all(specs.map(function (spec) {
      var el = document.getElementById(spec.id);
      return Promise.resolve().then(function () {
        return Plotly.newPlot(el, spec.data, spec.layout, config);
      }).then(function () {
        el.setAttribute('data-drawn', drew(el, isThreeD(spec)) ? 'true' : 'false');
      }, function (error) {
        el.setAttribute('data-drawn', 'false');
        console.error('precond: plot ' + spec.id + ' failed: ' + error);
      });
    }));
  }

  function note(text) {
    var p = document.createElement('p');
    p.className = 'load-error';
    p.setAttribute('role', 'alert');
    p.textContent = text;
    return p;
  }

  function fail(error) {
    var message = 'The plots cannot be drawn: ' + (error && error.message ? error.message : error);
    console.error('precond: ' + message);
    var main = document.getElementsByTagName('main')[0];
    main.insertBefore(note(message), main.firstChild);
    for (var i = 0; i < specs.length; i++) {
      var el = document.getElementById(specs[i].id);
      el.setAttribute('data-drawn', 'false');
      el.appendChild(
          note('Plot not drawn: Plotly.js could not be loaded (see the top of the page).'));
    }
  }

  function settle() {
    document.body.setAttribute('data-plots-settled', String(specs.length));
  }

  if (!window.plotlyReady) {
    fail(new Error('this browser is too old to unpack the Plotly.js that the page carries.'));
    settle();
    return;
  }
  window.plotlyReady.then(draw, fail).then(settle);
})();
