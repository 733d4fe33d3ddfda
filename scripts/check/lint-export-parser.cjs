// The parser eslint-plugin-import uses to read what an imported LWC module exports (import/named, namespace,
// default, export): the Babel parser the LWC config gives ESLint, with its options, but without the scope analysis
// parseForESLint adds, which the export map never reads. The same tree and visitor keys, so the same findings.
// The plugin builds an export map once per set of language options, and the component, Jest and render-test
// configs differ only in globals and ecmaVersion, which Babel's parse never reads (only the scope analysis does):
// so a module (lwc's 441 KB engine, re-exported by 'lwc') is parsed once per text and options, not once per config.
const lwcConfig = require("@salesforce/eslint-config-lwc");

const babel = lwcConfig.configs.base.find((config) => config.languageOptions?.parser).languageOptions.parser;
const { visitorKeys } = babel.parseForESLint("", { requireConfigFile: false });
const parsed = new Map();

function parseForESLint(code, options) {
  const { filePath, ecmaVersion: _readOnlyByScopeAnalysis, ...parseOptions } = options;
  const key = JSON.stringify(parseOptions);
  const last = parsed.get(filePath);
  if (last?.code === code && last.key === key) return last.result;
  const result = { ast: babel.parse(code, options), visitorKeys };
  parsed.set(filePath, { code, key, result });
  return result;
}

module.exports = { parseForESLint };
