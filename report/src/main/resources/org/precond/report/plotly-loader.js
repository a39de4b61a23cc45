// Unpacks the Plotly.js that the page carries gzip-compressed in base64 and runs it. The page
// calls this function with the version and the data; window.plotlyReady is then a promise of the
// Plotly object, which the page's drawing script awaits, or of the reason it is missing.
// Plain ES5 but for what it tests for, so that an old browser gets to say what it lacks.
(function (version, gzipped) {
  'use strict';

  function unpack() {
    if (typeof DecompressionStream !== 'function' || typeof Response !== 'function'
        || typeof Blob !== 'function' || typeof Blob.prototype.stream !== 'function') {
      throw new Error('this browser cannot unpack the Plotly.js that the page carries compressed:'
          + ' it has no DecompressionStream. Chrome and Edge 80 or newer, Firefox 113 or newer'
          + ' and Safari 16.4 or newer have it.');
    }
    var binary = atob(gzipped);
    var bytes = new Uint8Array(binary.length);
    for (var i = 0; i < binary.length; i++) {
      bytes[i] = binary.charCodeAt(i);
    }
    var code = new Blob([bytes]).stream().pipeThrough(new DecompressionStream('gzip'));
    return new Response(code).text().then(function (source) {
      // A script element rather than eval: Plotly runs as any page script would, and the browser
      // names it in messages.
      var script = document.createElement('script');
      script.text = source + '\n//# sourceURL=plotly-' + version + '.min.js\n';
      document.head.appendChild(script);
      if (!window.Plotly || typeof window.Plotly.newPlot !== 'function') {
        throw new Error('Plotly.js ' + version + ' was unpacked but did not start');
      }
      return window.Plotly;
    });
  }

  if (typeof Promise !== 'function') {
    return; // window.plotlyReady stays undefined, which the drawing script reports.
  }
  window.plotlyReady = new Promise(function (resolve) {
    resolve(unpack());
  });
  // The drawing script, further down the page, handles a failure; until it runs, this keeps the
  // browser from logging the rejection as unhandled.
  window.plotlyReady['catch'](function () {});
})
