import react from "@portico/eslint-config/react";

export default react;
