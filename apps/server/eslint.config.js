import base from "@portico/eslint-config/base";

// The server sits on top of the layering: it may import every package.
export default base;
