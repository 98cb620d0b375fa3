// Demo accounts, so that the operator's review, the seller workspace and the cooperative
// switcher can be tried right after `npm start`. All share one password (below, and in the
// README). Upserted by e-mail: a re-seed fixes names, roles and memberships but keeps a
// password someone changed in the demo. A production database must not be seeded (SEED=never).
import { eq, sql } from "drizzle-orm";
import { hashPassword } from "../../app/modules/accounts/password.server";
import { memberships, users } from "../schema/index";
import type { Tx } from "./write";

export const DEMO_PASSWORD = "xiangji-demo-2026";

type DemoUser = {
  email: string;
  name: string;
  isOperator?: boolean;
  locale?: "zh-CN" | "en";
  /** Seller slug (db/seed/data/cooperatives.json) → role. */
  memberships?: Record<string, "owner" | "staff">;
};

export const DEMO_USERS: DemoUser[] = [
  { email: "admin@xiangji.demo", name: "乡集平台运营", isOperator: true },
  { email: "yucun@xiangji.demo", name: "潘溪云", memberships: { "yucun-white-tea-farm": "owner", "yucun-bamboo-coop": "owner" } },
  { email: "longjing@xiangji.demo", name: "翁明前", memberships: { "longjing-tea-growers": "owner" } },
  { email: "moganshan@xiangji.demo", name: "沈山居", memberships: { "moganshan-xiantan-stays": "owner" } },
  { email: "lujia@xiangji.demo", name: "鲁田田", memberships: { "lujia-happy-farm": "owner", "lujia-tianyuan-homestay": "owner" } },
  // Works for two sellers: staff of the tea farm, owner of the homestay (the switcher).
  {
    email: "xiaoli@xiangji.demo",
    name: "李小竹",
    memberships: { "yucun-white-tea-farm": "staff", "yucun-zhuli-homestay": "owner" },
  },
  { email: "shopper@xiangji.demo", name: "Emma Shopper", locale: "en" },
];

/** Upserts the demo accounts and their memberships; returns how many accounts there are. */
export async function upsertDemoUsers(tx: Tx, cooperativeIds: Map<string, number>): Promise<number> {
  let hash: Promise<string> | undefined;
  const passwordHash = () => (hash ??= hashPassword(DEMO_PASSWORD));
  for (const demo of DEMO_USERS) {
    const values = { name: demo.name, isOperator: demo.isOperator ?? false, locale: demo.locale ?? "zh-CN" };
    const [existing] = await tx
      .select({ id: users.id, passwordHash: users.passwordHash })
      .from(users)
      .where(sql`lower(${users.email}) = ${demo.email}`);
    let userId: number;
    if (existing) {
      userId = existing.id;
      await tx
        .update(users)
        .set({ ...values, ...(existing.passwordHash ? {} : { passwordHash: await passwordHash() }) })
        .where(eq(users.id, userId));
    } else {
      const [created] = await tx
        .insert(users)
        .values({ email: demo.email, ...values, passwordHash: await passwordHash() })
        .returning({ id: users.id });
      userId = created!.id;
    }
    for (const [slug, role] of Object.entries(demo.memberships ?? {})) {
      const cooperativeId = cooperativeIds.get(slug);
      if (cooperativeId === undefined) throw new Error(`Demo user ${demo.email}: no seeded seller "${slug}"`);
      await tx
        .insert(memberships)
        .values({ userId, cooperativeId, role })
        .onConflictDoUpdate({ target: [memberships.userId, memberships.cooperativeId], set: { role } });
    }
  }
  return DEMO_USERS.length;
}
