// The parser eslint-plugin-import uses to read what an imported LWC module exports (import/named, namespace,
// default, export): Babel with the LWC config's options, as ESLint itself parses the file, but without the scope
// analysis parseForESLint adds, which the export map never reads. The same tree and visitor keys, so the same
// findings; it saves scope-analysing lwc's 441 KB engine (re-exported by 'lwc') once per config that imports it.
const babel = require("@babel/eslint-parser");

const { visitorKeys } = babel.parseForESLint("", { requireConfigFile: false });

module.exports = { parseForESLint: (code, options) => ({ ast: babel.parse(code, options), visitorKeys }) };
