// Lint rules for the three kinds of JavaScript/TypeScript in the repository: Lightning Web Components
// (Salesforce's recommended LWC rules, Jest rules in __tests__), the TypeScript SDK, and the Node
// scripts and tests. Formatting is prettier's job, so no stylistic rules here.
import lwcConfig from "@salesforce/eslint-config-lwc";
import jest from "eslint-plugin-jest";
import globals from "globals";
import tseslint from "typescript-eslint";
import js from "@eslint/js";
import { fileURLToPath } from "node:url";

const unusedVars = ["error", { argsIgnorePattern: "^_", caughtErrors: "none" }];

export default [
  {
    ignores: [
      "**/node_modules/**",
      "**/coverage/**",
      "**/dist/**",
      "**/staticresources/**",
      ".sfdx/**",
      ".sf/**",
      ".tmp/**",
      // planted defects for the gate's own self-tests; test/gate lints them on purpose with --root
      "test/gate/fixtures/**"
    ]
  },

  // Lightning Web Components
  // (and the render tests' stand-ins for base components the open-source build lacks, which are LWC too)
  ...lwcConfig.configs.recommended.map((config) => ({
    ...config,
    files: ["force-app/**/lwc/**/*.js", "test/ui/browser/*/*.js"]
  })),
  {
    files: ["force-app/**/lwc/**/*.js", "test/ui/browser/*/*.js"],
    settings: {
      "import/parsers": {
        [fileURLToPath(import.meta.resolve("./scripts/check/lint-export-parser.cjs"))]: [".js"]
      }
    }
  },
  {
    // Code Analyzer's PMD reads LWC JavaScript with Rhino, which cannot parse a `catch` without a binding: PMD
    // then skips the whole file (the code-analyzer step reports that too, but only by file). A binding the
    // handler does not use is how such a catch is written here.
    files: ["force-app/**/lwc/**/*.js"],
    rules: {
      "no-unused-vars": ["error", { vars: "all", args: "after-used", caughtErrors: "none" }],
      "no-restricted-syntax": [
        "error",
        {
          selector: "CatchClause[param=null]",
          message:
            "name the caught error (catch (error) {...}): PMD's JavaScript parser cannot read a catch without one"
        }
      ]
    }
  },
  {
    files: ["force-app/**/lwc/**/__tests__/**/*.js", "force-app/**/lwc/**/*.test.js"],
    ...jest.configs["flat/recommended"],
    languageOptions: { globals: { ...globals.node, ...globals.jest } }
  },

  // The TypeScript SDK
  ...tseslint.configs.recommended.map((config) => ({
    ...config,
    files: ["ts-sdk/src/**/*.ts", "ts-sdk/test/**/*.ts", "ts-sdk/*.ts"]
  })),
  {
    files: ["ts-sdk/**/*.ts"],
    // no rule here reads type information, so the parser keeps no map between its tree and TypeScript's
    // (about 10 % of parsing the SDK)
    languageOptions: { parserOptions: { preserveNodeMaps: false } },
    rules: { "@typescript-eslint/no-unused-vars": unusedVars }
  },

  // Node scripts, tests and tool configuration (ESM unless the file says .cjs)
  {
    files: ["scripts/**/*.{js,mjs}", "test/**/*.{js,mjs}", "ts-sdk/**/*.{js,mjs}", "*.{js,mjs}"],
    ...js.configs.recommended,
    languageOptions: { ecmaVersion: 2023, sourceType: "module", globals: { ...globals.node } },
    rules: {
      ...js.configs.recommended.rules,
      "no-unused-vars": unusedVars,
      // ecmaVersion checks syntax only: these built-ins are newer than Node 20, on which the README says every
      // script and check still runs (Map.groupBy once broke the metadata step there). A partial list: instance
      // methods newer than Node 20 (Set's union/difference, iterator helpers) are not seen here; none is used.
      "no-restricted-properties": [
        "error",
        ...[
          ["Map", "groupBy"],
          ["Object", "groupBy"],
          ["Promise", "withResolvers"],
          ["Array", "fromAsync"]
        ].map(([object, property]) => ({
          object,
          property,
          message: "not in Node 20, which the scripts support"
        }))
      ]
    }
  },
  {
    files: ["**/*.cjs", "jest.config.js"],
    languageOptions: { sourceType: "commonjs", globals: { ...globals.node } }
  },
  {
    // the browser half of the real-browser render tests runs in Chromium
    files: ["test/ui/**/*.{js,mjs}"],
    languageOptions: { globals: { ...globals.node, ...globals.browser } }
  }
];
