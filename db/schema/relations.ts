import { relations } from "drizzle-orm";
import { invitations, memberships, sessions, users } from "./accounts";
import { productImages, stockAdjustments } from "./inventory";
import { cooperatives } from "./cooperatives";
import { experienceSlots, experiences } from "./experiences";
import { productVariants, products } from "./products";
import { stayUnits, stays, unitBlackouts, unitRates } from "./stays";
import { villages } from "./villages";

export const villagesRelations = relations(villages, ({ many }) => ({
  cooperatives: many(cooperatives),
  products: many(products),
  stays: many(stays),
  experiences: many(experiences),
}));

export const cooperativesRelations = relations(cooperatives, ({ one, many }) => ({
  village: one(villages, { fields: [cooperatives.villageId], references: [villages.id] }),
  products: many(products),
  stays: many(stays),
  experiences: many(experiences),
  memberships: many(memberships),
}));

export const usersRelations = relations(users, ({ many }) => ({ memberships: many(memberships), sessions: many(sessions) }));
export const membershipsRelations = relations(memberships, ({ one }) => ({
  user: one(users, { fields: [memberships.userId], references: [users.id] }),
  cooperative: one(cooperatives, { fields: [memberships.cooperativeId], references: [cooperatives.id] }),
}));

export const productsRelations = relations(products, ({ one, many }) => ({
  cooperative: one(cooperatives, { fields: [products.cooperativeId], references: [cooperatives.id] }),
  village: one(villages, { fields: [products.villageId], references: [villages.id] }),
  variants: many(productVariants),
  images: many(productImages),
}));
export const productVariantsRelations = relations(productVariants, ({ one, many }) => ({
  product: one(products, { fields: [productVariants.productId], references: [products.id] }),
  adjustments: many(stockAdjustments),
}));

export const staysRelations = relations(stays, ({ one, many }) => ({
  cooperative: one(cooperatives, { fields: [stays.cooperativeId], references: [cooperatives.id] }),
  village: one(villages, { fields: [stays.villageId], references: [villages.id] }),
  units: many(stayUnits),
}));
export const stayUnitsRelations = relations(stayUnits, ({ one, many }) => ({
  stay: one(stays, { fields: [stayUnits.stayId], references: [stays.id] }),
  rates: many(unitRates),
  blackouts: many(unitBlackouts),
}));
export const unitRatesRelations = relations(unitRates, ({ one }) => ({
  unit: one(stayUnits, { fields: [unitRates.unitId], references: [stayUnits.id] }),
}));
export const unitBlackoutsRelations = relations(unitBlackouts, ({ one }) => ({
  unit: one(stayUnits, { fields: [unitBlackouts.unitId], references: [stayUnits.id] }),
}));

export const experiencesRelations = relations(experiences, ({ one, many }) => ({
  cooperative: one(cooperatives, { fields: [experiences.cooperativeId], references: [cooperatives.id] }),
  village: one(villages, { fields: [experiences.villageId], references: [villages.id] }),
  slots: many(experienceSlots),
}));
export const experienceSlotsRelations = relations(experienceSlots, ({ one }) => ({
  experience: one(experiences, { fields: [experienceSlots.experienceId], references: [experiences.id] }),
}));

export const sessionsRelations = relations(sessions, ({ one }) => ({
  user: one(users, { fields: [sessions.userId], references: [users.id] }),
}));
export const invitationsRelations = relations(invitations, ({ one }) => ({
  cooperative: one(cooperatives, { fields: [invitations.cooperativeId], references: [cooperatives.id] }),
}));
export const stockAdjustmentsRelations = relations(stockAdjustments, ({ one }) => ({
  variant: one(productVariants, { fields: [stockAdjustments.variantId], references: [productVariants.id] }),
  user: one(users, { fields: [stockAdjustments.userId], references: [users.id] }),
}));
export const productImagesRelations = relations(productImages, ({ one }) => ({
  product: one(products, { fields: [productImages.productId], references: [products.id] }),
}));
