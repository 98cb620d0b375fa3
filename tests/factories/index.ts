export { createCooperative, type CooperativeRow } from "./cooperatives";
export { uniqueSlug, uniqueToken } from "./unique";
export { productCsv, teaRow, type CsvRow } from "./product-csv";
export { createVillage, type VillageRow } from "./villages";
export { TEST_PASSWORD, addMembership, countSessions, createUser, sellerTeams, sessionCookieFor, type SellerTeams, type UserRow } from "./accounts";
export { createShopVariant, stockOf, type ShopVariant } from "./shop";
