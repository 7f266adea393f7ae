import globals from "globals";
import reactHooks from "eslint-plugin-react-hooks";
import base from "./base.js";

export default [
  ...base,
  {
    files: ["**/*.tsx", "**/*.ts"],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { "react-hooks": reactHooks },
    rules: {
      "react-hooks/rules-of-hooks": "error",
      "react-hooks/exhaustive-deps": "warn",
      // SPAs may only import the AppRouter *type* from the API package.
      "@typescript-eslint/no-restricted-imports": [
        "error",
        {
          paths: [
            {
              name: "@portico/api",
              allowTypeImports: true,
              message: "SPAs import only types from @portico/api.",
            },
          ],
          patterns: [
            {
              group: ["@portico/db", "@portico/core", "@portico/auth", "@portico/db/*", "@portico/core/*"],
              message: "SPAs never import server packages.",
            },
          ],
        },
      ],
    },
  },
];
