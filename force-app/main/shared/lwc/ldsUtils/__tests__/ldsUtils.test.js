import { reduceErrors } from "c/ldsUtils";

describe("c-lds-utils reduceErrors", () => {
  it("reads the message of an Apex AuraHandledException", () => {
    expect(reduceErrors({ body: { message: "Call not found" }, status: 500 })).toEqual(["Call not found"]);
  });

  it("reads every message of a UI API read error list", () => {
    expect(reduceErrors({ body: [{ message: "First" }, { message: "Second" }] })).toEqual([
      "First",
      "Second"
    ]);
  });

  it("reads page and field errors of a UI API write error", () => {
    const error = {
      body: {
        message: "An error occurred while trying to update the record.",
        output: {
          errors: [{ message: "Record is locked" }],
          fieldErrors: { Status: [{ message: "Bad value for restricted picklist field" }] }
        }
      }
    };

    expect(reduceErrors(error)).toEqual(["Record is locked", "Bad value for restricted picklist field"]);
  });

  it("falls back to the body message when a write error has no details", () => {
    expect(reduceErrors({ body: { message: "Generic", output: { errors: [], fieldErrors: {} } } })).toEqual([
      "Generic"
    ]);
  });

  it("reads JavaScript errors", () => {
    expect(reduceErrors(new TypeError("x is undefined"))).toEqual(["x is undefined"]);
  });

  it("uses the HTTP status text when nothing else is known", () => {
    expect(reduceErrors({ body: {}, statusText: "Service Unavailable" })).toEqual(["Service Unavailable"]);
  });

  it("drops empty errors and repeated messages", () => {
    expect(
      reduceErrors([null, { body: { message: "Same" } }, undefined, { body: { message: "Same" } }, {}])
    ).toEqual(["Same"]);
  });
});
