/** How a person is named on cards when the platform has not told us their name yet. */
export function displayName(member: { name: string | null; userId: string }): string {
  return member.name || `成员${member.userId.slice(-4)}`;
}
