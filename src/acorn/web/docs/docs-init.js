// Starts Swagger UI on /docs. A file of its own, not an inline script, so the page runs under
// the strict Content-Security-Policy (script-src 'self'); the schema's address comes from the
// page's data-openapi-url attribute, so a server mounted under a path prefix still finds it.
(function () {
  "use strict";
  var root = document.getElementById("swagger-ui");
  window.ui = SwaggerUIBundle({
    url: (root && root.dataset.openapiUrl) || "/openapi.json",
    dom_id: "#swagger-ui",
    deepLinking: true,
    layout: "BaseLayout",
    presets: [SwaggerUIBundle.presets.apis],
    // The default validator badge is an image from validator.swagger.io: offline, none.
    validatorUrl: null,
  });
})();
