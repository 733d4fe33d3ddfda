import { createElement } from "lwc";
import CallBack from "c/callBack";
import { removeAllComponents } from "../../../../../../test/ui/jestHelpers";

const LEAD_ID = "00QHn00000ABCDEAAA";

function createCallBack(properties) {
  const element = createElement("c-call-back", { is: CallBack });
  Object.assign(element, properties);
  document.body.appendChild(element);
  return element;
}

describe("c-call-back", () => {
  afterEach(removeAllComponents);

  it("hands the number as received and the record to click-to-dial", () => {
    const element = createCallBack({ phone: "(415) 555-0142", recordId: LEAD_ID });

    expect(element.shadowRoot.querySelector(".call-back").textContent).toContain("Call back");
    const dial = element.shadowRoot.querySelector("lightning-click-to-dial");
    expect(dial.value).toBe("(415) 555-0142");
    expect(dial.recordId).toBe(LEAD_ID);
  });

  it("is accessible", async () => {
    const element = createCallBack({ phone: "+14155550142", recordId: LEAD_ID });

    await expect(element).toBeAccessible();
  });
});
