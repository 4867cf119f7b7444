// Moves the manifest's user-visible strings into package.nls.json: every literal title and
// description in package.json becomes a %key% with its English text in package.nls.json. Run it
// after adding commands, settings, views or walkthrough steps; then translate the new keys in
// package.nls.vi.json and package.nls.zh-cn.json (it lists them; `--check` fails while any is missing).
import { existsSync, readFileSync, writeFileSync } from 'node:fs';

const read = (f) => (existsSync(f) ? JSON.parse(readFileSync(f, 'utf8')) : {});
const write = (f, v) => writeFileSync(f, `${JSON.stringify(v, null, 2)}\n`);
const check = process.argv.includes('--check');

const pkg = read('package.json');
const nls = read('package.nls.json');
let converted = 0;

/** Replaces obj[field] by a %key% unless it already is one. */
function localize(obj, field, key) {
  const v = obj?.[field];
  if (typeof v !== 'string' || /^%[^%]+%$/.test(v)) return;
  nls[key] = v;
  obj[field] = `%${key}%`;
  converted++;
}
function localizeArray(obj, field, key) {
  const arr = obj?.[field];
  if (!Array.isArray(arr)) return;
  arr.forEach((_, i) => localize(arr, i, `${key}.${i}`));
}
const tail = (id) => String(id).replace(/^okr\./, '');

localize(pkg, 'displayName', 'displayName');
localize(pkg, 'description', 'description');
for (const [k, v] of Object.entries(pkg.capabilities ?? {})) {
  if (v && typeof v === 'object') localize(v, 'description', `capabilities.${k}.description`);
}
const c = pkg.contributes ?? {};
for (const cmd of c.commands ?? []) {
  localize(cmd, 'title', `command.${tail(cmd.command)}.title`);
  localize(cmd, 'shortTitle', `command.${tail(cmd.command)}.shortTitle`);
}
for (const conf of [c.configuration].flat().filter(Boolean)) {
  localize(conf, 'title', 'configuration.title');
  for (const [name, prop] of Object.entries(conf.properties ?? {})) {
    const key = `config.${tail(name)}`;
    for (const f of ['description', 'markdownDescription', 'deprecationMessage', 'markdownDeprecationMessage']) {
      localize(prop, f, `${key}.${f}`);
    }
    localizeArray(prop, 'enumDescriptions', `${key}.enumDescriptions`);
    localizeArray(prop, 'markdownEnumDescriptions', `${key}.markdownEnumDescriptions`);
  }
}
for (const [where, list] of Object.entries(c.viewsContainers ?? {})) {
  for (const v of list ?? []) localize(v, 'title', `viewContainer.${where}.${tail(v.id)}.title`);
}
for (const list of Object.values(c.views ?? {})) {
  for (const v of list ?? []) {
    localize(v, 'name', `view.${tail(v.id)}.name`);
    localize(v, 'contextualTitle', `view.${tail(v.id)}.contextualTitle`);
  }
}
for (const v of c.viewsWelcome ?? []) localize(v, 'contents', `viewsWelcome.${tail(v.view)}.contents`);
for (const s of c.submenus ?? []) localize(s, 'label', `submenu.${tail(s.id)}.label`);
for (const w of c.walkthroughs ?? []) {
  const key = `walkthrough.${tail(w.id)}`;
  localize(w, 'title', `${key}.title`);
  localize(w, 'description', `${key}.description`);
  for (const s of w.steps ?? []) {
    localize(s, 'title', `${key}.${s.id}.title`);
    localize(s, 'description', `${key}.${s.id}.description`);
    if (s.media) localize(s.media, 'altText', `${key}.${s.id}.altText`);
  }
}
for (const t of c.taskDefinitions ?? []) {
  for (const [name, prop] of Object.entries(t.properties ?? {}))
    localize(prop, 'description', `task.${name}.description`);
}

if (converted) {
  write('package.json', pkg);
  write('package.nls.json', nls);
}
console.log(`nls: ${converted} string(s) moved to package.nls.json`);

let missing = 0;
for (const lang of ['vi', 'zh-cn']) {
  const other = read(`package.nls.${lang}.json`);
  const keys = Object.keys(nls).filter((k) => !(k in other));
  missing += keys.length;
  if (keys.length) console.log(`package.nls.${lang}.json lacks: ${keys.join(', ')}`);
}
if (check && missing) process.exit(1);
