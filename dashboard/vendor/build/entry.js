// The dashboard's plotly.js: the official geo bundle's traces plus scatterpolar.
var Plotly = require('plotly.js/lib/core');
Plotly.register([
    require('plotly.js/lib/scattergeo'),
    require('plotly.js/lib/choropleth'),
    require('plotly.js/lib/scatterpolar'),
    require('plotly.js/lib/calendars'),
]);
window.Plotly = Plotly;
