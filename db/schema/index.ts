export * from "./villages";
export * from "./cooperatives";
export * from "./accounts";
export * from "./products";
export * from "./stays";
export * from "./experiences";
export * from "./relations";
export * from "./search";
