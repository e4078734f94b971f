import type { LinkChatResult, LinkCodeRequest } from "../src/app/links";
import { t, type Lang, type Rendered } from "./kit";
import { noticeCard } from "./notice";
import { leadersOnlyCard } from "./refusals";

/** The answer to 绑定码: the code and where to send it, or why none was issued. */
export function linkCodeReply(r: LinkCodeRequest, groupName: string, lang: Lang): Rendered {
  if (r.code === "not_lark")
    return noticeCard({
      title: t(lang, "请在飞书里获取绑定码", "Get the code in Lark"),
      body: t(
        lang,
        "绑定码在飞书群（负责人）或与我的飞书私聊里获取，再到微信里发送「绑定 绑定码」。",
        "Get the code in Lark, then send “绑定 <code>” here.",
      ),
      colour: "yellow",
    });
  if (!r.ok) return leadersOnlyCard(lang, "绑定码");
  const { linkCode: code, minutes } = r;
  const body =
    r.kind === "room"
      ? t(
          lang,
          `在要合并的微信群里 @我 发送「绑定 ${code}」，该微信群就与「${groupName}」共用记录和排名。`,
          `In the WeChat room, @me with “绑定 ${code}”: it then shares records and ranking with this group.`,
        )
      : t(
          lang,
          `在微信里私聊我发送「绑定 ${code}」，你在微信里的记录就算在「${groupName}」的你名下。`,
          `Send me “绑定 ${code}” privately in WeChat: your WeChat records then count as yours here.`,
        );
  return noticeCard({
    title: t(lang, `绑定码 ${code}（${minutes} 分钟内有效）`, `Link code ${code} (valid ${minutes} min)`),
    body,
    colour: "blue",
  });
}

/** The answer to 绑定: linked (the room, or the person), or why not. */
export function linkReply(r: LinkChatResult | { kind: "not_wechat" }, room: boolean, lang: Lang): Rendered {
  if (r.kind === "not_wechat")
    return noticeCard({
      title: t(lang, "请在微信里发送", "Send it in WeChat"),
      body: t(
        lang,
        "「绑定」在要合并的微信群或微信私聊里发送。",
        "Send 绑定 in the WeChat room or WeChat private chat.",
      ),
      colour: "yellow",
    });
  if (r.kind !== "linked") return linkRefusal(r, room, lang);
  const body = room
    ? t(
        lang,
        `本群已与「${r.group.name}」合并：在这里发的日报、申报计入同一个考核组，排名一起发布。`,
        `This room now serves “${r.group.name}”: one set of records and one ranking.`,
      )
    : t(
        lang,
        `你的微信已绑定到「${r.group.name}」的 ${r.member?.name || "你"}：在微信里的记录算在同一个人名下。`,
        `Your WeChat is linked to ${r.member?.name || "you"} in “${r.group.name}”.`,
      );
  return noticeCard({ title: t(lang, "已绑定", "Linked"), body, colour: "green" });
}

/** The answer to a wrong 绑定 code, or to one more try after too many. */
export function linkRefusal(attempt: Exclude<LinkChatResult, { kind: "linked" }>, room: boolean, lang: Lang): Rendered {
  if (attempt.kind === "locked") {
    return noticeCard({
      title: t(lang, "绑定码错误次数过多", "Too many wrong codes"),
      body: t(
        lang,
        `10 分钟内已输错 ${attempt.attempts} 次，请 ${attempt.minutes} 分钟后再试，并核对飞书里收到的绑定码。`,
        `${attempt.attempts} wrong codes in 10 minutes: try again in ${attempt.minutes} min, and check the code you got in Lark.`,
      ),
      colour: "red",
    });
  }
  const hint = room
    ? t(lang, "群绑定码由飞书群的负责人发「绑定码」获取。", "A room code comes from a Lark group leader's 绑定码.")
    : t(
        lang,
        "个人绑定码在飞书里私聊我发「绑定码」获取。",
        "A personal code comes from 绑定码 in a private Lark chat.",
      );
  const left = attempt.left
    ? t(lang, `10 分钟内还可再试 ${attempt.left} 次。`, `${attempt.left} more tries in these 10 minutes.`)
    : t(lang, "10 分钟内不能再试了。", "No more tries for 10 minutes.");
  return noticeCard({
    title: t(lang, "绑定码无效或已过期", "Invalid or expired code"),
    body: `${hint}${left}`,
    colour: "yellow",
  });
}
