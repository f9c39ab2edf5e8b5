"""The indicator page ``/indikator/<id>``: URL state, data, the five views, figures, downloads."""
