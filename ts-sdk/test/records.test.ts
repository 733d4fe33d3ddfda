// Typed record access through ts-force: the generated CallRecord matches the project's metadata, and
// the list helpers send the expected SOQL and map the org's rows to typed objects.
import assert from "node:assert/strict";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { after, before, describe, it } from "node:test";
import { fileURLToPath, pathToFileURL } from "node:url";
import { CallRecord, CallRecords } from "../src/records/index.js";

const sdk = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../..");

describe("records (ts-force)", () => {
  const queries: string[] = [];
  let instanceUrl = "";
  const server = createServer((request, response) => {
    const url = new URL(request.url ?? "/", "http://127.0.0.1");
    queries.push(url.searchParams.get("q") ?? "");
    assert.equal(request.headers.authorization, "Bearer records-token");
    response.writeHead(200, { "Content-Type": "application/json" });
    response.end(
      JSON.stringify({
        totalSize: 1,
        done: true,
        records: [
          {
            attributes: {
              type: "callcap__Call__c",
              url: "/services/data/v62.0/sobjects/callcap__Call__c/a0X000000000001AAA"
            },
            Id: "a0X000000000001AAA",
            Name: "CALL-000001",
            callcap__Call_Id__c: "demo-emergency-0001",
            callcap__Status__c: "Failed",
            callcap__Urgency__c: 5,
            callcap__Callback_Requested__c: true,
            callcap__Started_At__c: "2026-06-01T21:04:00.000+0000",
            callcap__Error_Code__c: "PROCESSING_FAILED"
          }
        ]
      })
    );
  });
  before(async () => {
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    instanceUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  after(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it("the generated CallRecord has exactly the fields the project metadata defines, namespaced", async () => {
    const generator = (await import(pathToFileURL(path.join(sdk, "scripts/generate-records.mjs")).href)) as {
      describeFromMetadata: (dir: string, apiName: string) => { name: string; fields: { name: string }[] };
    };
    const describe = generator.describeFromMetadata("force-app/main/records/objects/Call__c", "Call__c");
    const generated = Object.values(CallRecord.FIELDS).map((field) => field.apiName);
    assert.equal(CallRecord.API_NAME, describe.name);
    assert.deepEqual([...generated].sort(), describe.fields.map((field) => field.name).sort());
  });

  it("lists failed calls newest first as typed records", async () => {
    const records = new CallRecords({ instanceUrl, accessToken: "records-token", allowHttpLoopback: true });
    const [call] = await records.failed(10);
    assert.match(
      queries.at(-1)!,
      /^SELECT .*callcap__Call_Id__c.* FROM callcap__Call__c WHERE callcap__Status__c = 'Failed' ORDER BY CreatedDate DESC LIMIT 10$/
    );
    assert.ok(call instanceof CallRecord);
    assert.equal(call.callId, "demo-emergency-0001");
    assert.equal(call.urgency, 5);
    assert.equal(call.callbackRequested, true);
    assert.ok(call.startedAt instanceof Date);
    assert.equal(call.errorCode, "PROCESSING_FAILED");
  });

  it("lists recent calls without a filter, and finds one by callId with the value escaped", async () => {
    const records = new CallRecords({
      instanceUrl,
      accessToken: "records-token",
      apiVersion: "62.0",
      allowHttpLoopback: true
    });
    await records.recent(5);
    assert.match(queries.at(-1)!, /FROM callcap__Call__c ORDER BY CreatedDate DESC LIMIT 5$/);
    await records.byCallId("o'brien' OR Name != '");
    assert.ok(
      queries.at(-1)!.endsWith("WHERE callcap__Call_Id__c = 'o\\'brien\\' OR Name != \\'' LIMIT 1"),
      queries.at(-1)
    );
  });
});
