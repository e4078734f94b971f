import type { Wechaty } from "wechaty";
import type { ChatDirectory, DirectoryMember } from "../../app/ports";

/** A room's name, owner and members, read from WeChat: the owner is the group's first leader. */
export function createWechatDirectory(bot: Wechaty): ChatDirectory {
  async function room(roomId: string) {
    const found = await bot.Room.find({ id: roomId });
    if (!found) throw new Error(`WeChat room ${roomId} not found`);
    return found;
  }
  return {
    async getChat(chatId) {
      const r = await room(chatId);
      const owner = await r.owner();
      return { name: await r.topic(), ...(owner ? { ownerId: owner.id } : {}) };
    },
    async listMembers(chatId): Promise<DirectoryMember[]> {
      const r = await room(chatId);
      const self = bot.isLoggedIn ? bot.currentUser.id : undefined;
      const people = (await r.memberAll()).filter((c) => c.id !== self);
      return Promise.all(people.map(async (c) => ({ userId: c.id, name: (await r.alias(c)) || c.name() })));
    },
  };
}
