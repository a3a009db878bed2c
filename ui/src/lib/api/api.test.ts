import { describe, expect, it } from "vitest";
import { ApiError, api, setTransport, toApiError } from "./index";

describe("api", () => {
  it("passes the command name through and returns the result", async () => {
    const calls: string[] = [];
    setTransport(async <T,>(cmd: string) => {
      calls.push(cmd);
      return [] as T;
    });
    expect(await api.listCases()).toEqual([]);
    expect(calls).toEqual(["list_cases"]);
  });

  it("turns a {code, message} rejection into an ApiError", async () => {
    setTransport(async () => {
      throw { code: "not_found", message: "case not found: SC-2026-999" };
    });
    await expect(api.listCases()).rejects.toMatchObject({
      name: "ApiError",
      code: "not_found",
      message: "case not found: SC-2026-999",
    });
  });

  it("wraps anything else as an internal error", () => {
    const e = toApiError(42);
    expect(e).toBeInstanceOf(ApiError);
    expect(e.code).toBe("internal");
  });
});
