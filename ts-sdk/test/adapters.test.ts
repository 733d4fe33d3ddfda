// Adapter tests with realistic provider payloads (test/fixtures), and the missing-parts cases.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { describe, it } from "node:test";
import { detectProvider, findCallIssues, fromRetell, fromTwilio, fromVapi } from "../src/index.js";
import { RETELL_DISCONNECTION_REASONS } from "../src/adapters/retell.js";
import { vapiOutcome } from "../src/adapters/vapi.js";

const fixture = (name: string) =>
  readFileSync(new URL(`../../../test/fixtures/${name}`, import.meta.url), "utf8");

describe("fromVapi (end-of-call-report)", () => {
  it("maps the report to a valid call with caller, transcript segments, recording and intelligence", () => {
    const call = fromVapi(JSON.parse(fixture("vapi-end-of-call-report.json")));
    assert.deepEqual(findCallIssues(call), []);
    assert.deepEqual(call, {
      callId: "0f3c9a7e-5b8d-4f0e-9a61-2f6d7c1e8b42",
      provider: "vapi",
      direction: "inbound",
      disposition: "answered",
      answeredBy: "ai",
      startedAt: "2026-06-01T21:04:00.000Z",
      durationSeconds: 312,
      from: "+15551234567",
      to: "+15559870000",
      caller: { firstName: "John", lastName: "Doe", email: "john.doe@example.com", street: "123 Main St" },
      transcript: [
        {
          speaker: "ai",
          role: "business",
          text: "Thanks for calling Doe Plumbing, how can I help?",
          startMs: 1200
        },
        {
          speaker: "caller",
          role: "caller",
          text: "My basement is flooding! A pipe burst and water is everywhere.",
          startMs: 5100
        }
      ],
      summary: "Caller reports a burst pipe flooding the basement and needs someone immediately.",
      recordingUrl: "https://storage.vapi.ai/0f3c9a7e-mono.wav",
      intelligence: { urgency: 5, callbackRequested: true, serviceInterest: "Plumbing" },
      custom: { waterShutOff: false, vapiEndedReason: "customer-ended-call" }
    });
  });

  it("tolerates a report without artifact, analysis or customer and maps voicemail", () => {
    const call = fromVapi({
      message: {
        type: "end-of-call-report",
        endedReason: "voicemail",
        call: { id: "v-2", customer: { number: "+15550001111" } }
      }
    });
    assert.deepEqual(call, {
      callId: "v-2",
      provider: "vapi",
      direction: "inbound",
      disposition: "voicemail",
      answeredBy: "voicemail",
      from: "+15550001111",
      custom: { vapiEndedReason: "voicemail" }
    });
    assert.deepEqual(findCallIssues(call), []);
  });
});

describe("fromRetell (call_analyzed)", () => {
  it("maps the webhook to a valid call with the custom analysis data split into caller, intelligence and custom", () => {
    const call = fromRetell(JSON.parse(fixture("retell-call-analyzed.json")));
    assert.deepEqual(findCallIssues(call), []);
    assert.deepEqual(call, {
      callId: "Jabr9TXYYJHfvl6Syypi88rdAHYHmcq6",
      provider: "retell",
      direction: "inbound",
      disposition: "answered",
      answeredBy: "ai",
      startedAt: "2026-06-02T15:12:00.000Z",
      durationSeconds: 204,
      from: "+15552345678",
      to: "+15559870000",
      caller: { firstName: "Maria", lastName: "Lopez" },
      transcript: [
        { speaker: "ai", role: "business", text: "Hi, this is Austin Air, how can I help?", startMs: 420 },
        {
          speaker: "caller",
          role: "caller",
          text: "Hi, I need a quote for replacing my HVAC system. It's about 15 years old and not cooling well.",
          startMs: 3050
        }
      ],
      summary: "The caller requested a quote to replace a 15-year-old HVAC system that is not cooling well.",
      recordingUrl: "https://dxc03zgurdly9.cloudfront.net/Jabr9TXYYJHfvl6Syypi88rdAHYHmcq6/recording.wav",
      intelligence: { serviceInterest: "HVAC", timeline: "this month" },
      custom: {
        system_age_years: 15,
        retellDisconnectionReason: "user_hangup",
        retellUserSentiment: "Neutral"
      }
    });
  });

  it("tolerates a call without analysis or transcript and maps an unanswered dial as missed", () => {
    const call = fromRetell({
      event: "call_analyzed",
      call: { call_id: "r-2", from_number: "+15550002222", disconnection_reason: "dial_no_answer" }
    });
    assert.equal(call.disposition, "missed");
    assert.equal(call.answeredBy, "none");
    assert.deepEqual(findCallIssues(call), []);
  });
});

describe("fromTwilio (status, recording and transcription callbacks)", () => {
  it("merges the callbacks of one call into a valid voicemail call", () => {
    const call = fromTwilio(
      fixture("twilio-status-callback.txt"),
      fixture("twilio-recording-callback.txt"),
      fixture("twilio-transcription-callback.txt")
    );
    assert.deepEqual(findCallIssues(call), []);
    assert.deepEqual(call, {
      callId: "CA0123456789abcdef0123456789abcdef",
      provider: "twilio",
      direction: "inbound",
      disposition: "voicemail",
      answeredBy: "voicemail",
      startedAt: "2026-06-04T02:00:00.000Z",
      durationSeconds: 38,
      from: "+15554567890",
      to: "+15559870000",
      caller: {
        firstName: "JANE",
        lastName: "SMITH",
        city: "AUSTIN",
        state: "TX",
        postalCode: "78701",
        country: "US"
      },
      transcript: "Hi, our AC died and it's 95 degrees in here. Please call me back.",
      recordingUrl:
        "https://api.twilio.com/2010-04-01/Accounts/AC0123456789abcdef0123456789abcdef/Recordings/RE0123456789abcdef0123456789abcdef.mp3",
      custom: { twilioCallStatus: "completed", twilioRecordingChannels: "1" }
    });
  });

  it("maps a no-answer status callback as a missed call, from an object or URLSearchParams", () => {
    const params = {
      CallSid: "CA2",
      From: "+15550003333",
      To: "+15559870000",
      CallStatus: "no-answer",
      Direction: "inbound"
    };
    for (const input of [params, new URLSearchParams(params)]) {
      const call = fromTwilio(input);
      assert.equal(call.disposition, "missed");
      assert.equal(call.answeredBy, "none");
      assert.deepEqual(findCallIssues(call), []);
    }
  });
});

// Outbound calls, in each vendor's documented shape: Twilio's status callback parameters (From = the
// party that placed the call, To = the party called, Direction = outbound-api), Retell's call object
// (from_number "the caller number", to_number "the callee number", direction outbound), and Vapi's
// end-of-call report of an `outboundPhoneCall` (customer = the person called).
describe("outbound calls: the customer is the party called, never the business", () => {
  it("Twilio outbound-api: the caller is To, with To's place; the business number is `to`", () => {
    const call = fromTwilio(fixture("twilio-outbound-status-callback.txt"));
    assert.deepEqual(findCallIssues(call), []);
    assert.equal(call.direction, "outbound");
    assert.equal(call.from, "+15554567890");
    assert.equal(call.to, "+15559870000");
    assert.deepEqual(call.caller, { city: "AUSTIN", state: "TX", postalCode: "78745", country: "US" });
    assert.deepEqual([call.disposition, call.answeredBy], ["answered", "human"]);
    assert.equal(call.durationSeconds, 95);
  });

  it("Retell outbound: the caller is to_number, and the turns keep their roles", () => {
    const call = fromRetell(JSON.parse(fixture("retell-outbound-call-analyzed.json")));
    assert.deepEqual(findCallIssues(call), []);
    assert.equal(call.direction, "outbound");
    assert.equal(call.from, "+15553456789");
    assert.equal(call.to, "+15559870000");
    assert.deepEqual(
      (call.transcript as { role?: string }[]).map((turn) => turn.role),
      ["business", "caller", "business"]
    );
  });

  it("Vapi outboundPhoneCall: the caller is customer.number; system and tool messages are not turns", () => {
    const call = fromVapi(JSON.parse(fixture("vapi-outbound-end-of-call-report.json")));
    assert.deepEqual(findCallIssues(call), []);
    assert.equal(call.direction, "outbound");
    assert.equal(call.from, "+15556781234");
    assert.equal(call.to, "+15559870000");
    assert.deepEqual(call.transcript, [
      {
        speaker: "ai",
        role: "business",
        text: "Hi Alex, this is Doe Plumbing following up on the leak you reported.",
        startMs: 1000
      },
      {
        speaker: "caller",
        role: "caller",
        text: "Thanks. It's still dripping under the sink.",
        startMs: 6200
      }
    ]);
  });

  it("Retell's transfer_target (the person a call was transferred to) is a business turn", () => {
    const call = fromRetell({
      call: {
        call_id: "r-t",
        from_number: "+15550001111",
        transcript_object: [
          { role: "user", content: "Can I talk to a person?", words: [] },
          { role: "transfer_target", content: "Hi, this is Dana from the office.", words: [] }
        ]
      }
    });
    assert.deepEqual(
      (call.transcript as { speaker: string; role?: string }[]).map((turn) => `${turn.speaker}/${turn.role}`),
      ["caller/caller", "staff/business"]
    );
  });
});

describe("detectProvider: whose webhook a payload is, from its shape", () => {
  it("recognises each vendor's payloads and leaves call objects alone", () => {
    assert.equal(detectProvider(JSON.parse(fixture("vapi-end-of-call-report.json"))), "vapi");
    assert.equal(
      detectProvider(JSON.parse(fixture("vapi-outbound-end-of-call-report.json")).message),
      "vapi"
    );
    assert.equal(detectProvider(JSON.parse(fixture("retell-call-analyzed.json"))), "retell");
    assert.equal(detectProvider(fixture("twilio-status-callback.txt")), "twilio");
    assert.equal(
      detectProvider(Object.fromEntries(new URLSearchParams(fixture("twilio-recording-callback.txt")))),
      "twilio"
    );
    assert.equal(detectProvider({ callId: "c1", from: "+15551234567", provider: "vapi" }), undefined);
    assert.equal(detectProvider("not a payload"), undefined);
  });
});

describe("vendor enums and edge cases", () => {
  it("maps Vapi end reasons by the documented table, not by substring", () => {
    const cases: Record<string, [string, string] | undefined> = {
      "customer-ended-call": ["answered", "ai"],
      "twilio-failed-to-connect-call": ["missed", "none"],
      "call.forwarding.operator-busy": ["missed", "ai"],
      "call.in-progress.error-warm-transfer-max-duration": ["missed", "ai"],
      "pipeline-error-openai-llm-failed": ["answered", "ai"],
      "call.in-progress.error-vapifault-openai-503-server-overloaded-error": ["answered", "ai"],
      "call.start.error-subscription-concurrency-limit-reached": ["missed", "none"],
      "customer-busy": ["missed", "none"],
      voicemail: ["voicemail", "voicemail"],
      "call.ringing.sip-inbound-caller-hungup-before-call-connect": ["abandoned", "none"],
      "something-vapi-adds-later": undefined
    };
    for (const [reason, expected] of Object.entries(cases)) {
      assert.deepEqual(vapiOutcome(reason) && [...vapiOutcome(reason)!], expected, reason);
    }
  });

  it("has a row for every Retell disconnection_reason of the official SDK", () => {
    const documented =
      "user_hangup agent_hangup call_transfer voicemail_reached ivr_reached inactivity max_duration_reached concurrency_limit_reached no_concurrency_fallback no_valid_payment scam_detected dial_busy dial_failed dial_no_answer invalid_destination telephony_provider_permission_denied telephony_provider_unavailable sip_routing_error marked_as_spam user_declined error_llm_websocket_open error_llm_websocket_lost_connection error_llm_websocket_runtime error_llm_websocket_corrupt_payload error_no_audio_received error_asr error_retell error_unknown error_user_not_joined registered_call_timeout transfer_bridged transfer_cancelled manual_stopped call_take_over machine_detected error_inbound_webhook error_frontend_corrupted_payload error_twilio".split(
        " "
      );
    for (const reason of documented) assert.ok(RETELL_DISCONNECTION_REASONS[reason], reason);
    assert.equal(documented.length, 38);
  });

  it("reads Vapi consent and the start time of older reports from messages[].time", () => {
    const call = fromVapi({
      message: {
        type: "end-of-call-report",
        endedReason: "customer-ended-call",
        call: {
          id: "old-1",
          customer: { number: "+15550001111" },
          compliance: { recordingConsent: { type: "verbal", grantedAt: "2026-06-01T21:04:05.000Z" } }
        },
        messages: [
          { role: "bot", message: "Hello", time: 1780347840000, endTime: 1780347842000 },
          { role: "user", message: "Hi", time: 1780347845000, endTime: 1780347900000 }
        ]
      }
    });
    assert.equal(call.consentToRecord, true);
    assert.equal(call.startedAt, "2026-06-01T21:04:00.000Z");
    assert.equal(call.durationSeconds, 60);
  });

  it("identifies a web call by structured data, and names the call when nothing identifies the caller", () => {
    const web = {
      message: {
        endedReason: "customer-ended-call",
        call: { id: "web-1", type: "webCall" },
        analysis: { structuredData: { phone_number: "+1 (555) 222-3333" } }
      }
    };
    assert.equal(fromVapi(web).from, "+1 (555) 222-3333");
    assert.throws(
      () => fromVapi({ message: { call: { id: "web-2", type: "webCall" } } }),
      /Vapi call web-2 has no caller phone number/
    );
  });

  it("never uses anonymous or client: as a phone, and keeps a .mp3 recording URL as it is", () => {
    assert.throws(
      () => fromTwilio({ CallSid: "CA9", From: "anonymous", CallStatus: "completed" }),
      /Twilio call CA9.*"anonymous"/
    );
    assert.throws(() => fromTwilio({ CallSid: "CA8", From: "client:Anonymous" }), /client:Anonymous/);
    const call = fromTwilio({
      CallSid: "CA7",
      From: "+15550001111",
      CallStatus: "canceled",
      RecordingUrl: "https://api.twilio.com/2010-04-01/Accounts/AC1/Recordings/RE1.mp3"
    });
    assert.equal(call.recordingUrl, "https://api.twilio.com/2010-04-01/Accounts/AC1/Recordings/RE1.mp3");
    assert.equal(call.disposition, "abandoned", "hung up while ringing, before anyone answered");
  });

  it("reads Retell timestamps in seconds as seconds and keeps the longer transcript", () => {
    const call = fromRetell({
      event: "call_analyzed",
      call: {
        call_id: "r-s",
        from_number: "+15550001111",
        start_timestamp: 1780347840,
        end_timestamp: 1780347900,
        disconnection_reason: "transfer_cancelled",
        transcript: "Agent: Hello there, how can I help?\nUser: My heater is out and I need someone today.\n",
        transcript_object: [{ role: "agent", content: "Hello there, how can I help?", words: [] }]
      }
    });
    assert.equal(call.startedAt, "2026-06-01T21:04:00.000Z");
    assert.equal(call.durationSeconds, 60);
    assert.equal(typeof call.transcript, "string");
    assert.deepEqual([call.disposition, call.answeredBy], ["missed", "ai"]);
  });
});
