// The element's side of the renderer benchmark: ?form=URL of a form.json (its validators.js beside it).
const form = new URLSearchParams(location.search).get('form');
if (form) document.querySelector('regforms-form').setAttribute('src', form);
