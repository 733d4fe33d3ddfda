import { loadCard, runCardAction } from "c/callAdminCardData";

function card() {
  return {
    shown: [],
    error: undefined,
    actionError: undefined,
    busy: false,
    show(data) {
      this.shown.push(data);
    }
  };
}

describe("c/callAdminCardData", () => {
  it("loadCard shows the data and clears an earlier load error", async () => {
    const target = card();
    target.error = new Error("earlier");

    await loadCard(target, () => Promise.resolve({ ok: true }));

    expect(target.shown).toEqual([{ ok: true }]);
    expect(target.error).toBeUndefined();
  });

  it("loadCard keeps what was shown when the load fails, and sets the error", async () => {
    const target = card();
    const failure = { body: { message: "no access" } };

    await loadCard(target, () => Promise.reject(failure));

    expect(target.shown).toEqual([]);
    expect(target.error).toBe(failure);
  });

  it("runCardAction is busy while the action runs, then shows its answer and clears the action error", async () => {
    const target = card();
    target.actionError = new Error("earlier");
    let busyWhileRunning;

    await runCardAction(target, async () => {
      busyWhileRunning = target.busy;
      return { status: "Queued" };
    });

    expect(busyWhileRunning).toBe(true);
    expect(target.busy).toBe(false);
    expect(target.shown).toEqual([{ status: "Queued" }]);
    expect(target.actionError).toBeUndefined();
  });

  it("runCardAction keeps the data and sets the action error, not the load error, when the action fails", async () => {
    const target = card();
    const failure = { body: { message: "already running" } };

    await runCardAction(target, () => Promise.reject(failure));

    expect(target.busy).toBe(false);
    expect(target.shown).toEqual([]);
    expect(target.actionError).toBe(failure);
    expect(target.error).toBeUndefined();
  });
});
