import base from "@portico/eslint-config/base";

export default base;
