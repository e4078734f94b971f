/** Chinese labels for the rater groups and award levels people commonly use; other names show as typed. */

const RATER_LABELS: Readonly<Record<string, string>> = {
  leader: "领导",
  peer: "同事",
  self: "自评",
  subordinate: "下属",
  public: "群众",
  third_party: "第三方",
};

const AWARD_LABELS: Readonly<Record<string, string>> = {
  national: "国家级",
  provincial: "省级",
  city: "市级",
  county: "县级",
};

export const raterLabel = (group: string): string => RATER_LABELS[group] ?? group;
export const awardLabel = (level: string): string => AWARD_LABELS[level] ?? level;
