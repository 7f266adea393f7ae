import base from "@portico/eslint-config/base";

// The client ships to integrators: it may know the API's types, never its code.
export default [
  ...base,
  {
    files: ["**/*.ts"],
    rules: {
      "@typescript-eslint/no-restricted-imports": [
        "error",
        {
          paths: [
            { name: "@portico/api", allowTypeImports: true, message: "Import only types from @portico/api." },
          ],
          patterns: [
            {
              group: [
                "@portico/db",
                "@portico/db/*",
                "@portico/core",
                "@portico/auth",
                "@trpc/server",
                "@trpc/server/*",
              ],
              message: "The client never imports server packages.",
            },
          ],
        },
      ],
    },
  },
];
