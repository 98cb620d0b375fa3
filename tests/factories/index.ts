export { createCooperative, type CooperativeRow } from "./cooperatives";
export { uniqueSlug, uniqueToken } from "./unique";
export { createVillage, type VillageRow } from "./villages";
