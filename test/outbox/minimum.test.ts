import { expect, test } from "vitest";
import { minimumDeliverySeconds } from "../../bench/broadcast";

test("the fastest delivery Lark's limits allow", () => {
  expect(minimumDeliverySeconds(1000)).toBe(20); // 50/s
  expect(minimumDeliverySeconds(2000)).toBe(80); // 1,000 in the first minute, then 20 s more
  expect(minimumDeliverySeconds(50)).toBe(1);
});
