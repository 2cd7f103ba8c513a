// The example portal's own script: query parameters to attributes, the pickers, the event log.
const form = document.getElementById('form');
const params = new URLSearchParams(location.search);
for (const name of ['src', 'registry', 'type', 'version', 'lang', 'store', 'readonly'])
  if (params.has(name)) form.setAttribute(name, params.get(name));
const formPicker = document.getElementById('form-picker');
const langPicker = document.getElementById('lang-picker');
formPicker.value = `${form.getAttribute('registry')}/${form.getAttribute('type')}`;
langPicker.value = form.getAttribute('lang');
formPicker.addEventListener('change', () => {
  const [registry, type] = formPicker.value.split('/');
  form.setAttribute('registry', registry);
  form.setAttribute('type', type);
});
langPicker.addEventListener('change', () => form.setAttribute('lang', langPicker.value));
const log = (text) => (document.getElementById('events').textContent += `${text}\n`);
form.addEventListener('regforms-ready', (e) =>
  log(`ready: ${e.detail.form.registry}/${e.detail.form.registrationType}@${e.detail.form.version}`),
);
form.addEventListener('regforms-save', (e) =>
  log(`save: ${e.detail.registration.id} (${e.detail.errors.length} type errors)`),
);
form.addEventListener('regforms-send', (e) =>
  log(
    e.detail.errors.length
      ? `send refused: ${e.detail.errors.length} errors`
      : `sent: ${e.detail.registration.registrationCode}`,
  ),
);
form.addEventListener('regforms-error', (e) => log(`error: ${e.detail.message}`));
