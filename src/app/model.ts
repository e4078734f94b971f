/**
 * The records use cases take and give, for the layers above (commands, cards) that name
 * them in types: they reach the model through src/app, never the schema itself.
 */
export type { ComputedGrade, Group, GroupSettings, Member, Publication } from "../db/schema";
