// Everything the page needs comes from this server: no CDN, so the reference works offline.
window.ui = SwaggerUIBundle({
  url: "/openapi?format=json",
  dom_id: "#swagger-ui",
  deepLinking: true,
  validatorUrl: null,
  persistAuthorization: false
});
