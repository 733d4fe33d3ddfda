import { createElement } from "lwc";
import CallFacts from "c/callFacts";
import { removeAllComponents } from "../../../../../../test/ui/jestHelpers";

function createFacts(facts) {
  const element = createElement("c-call-facts", { is: CallFacts });
  if (facts !== undefined) element.facts = facts;
  document.body.appendChild(element);
  return element;
}

describe("c-call-facts", () => {
  afterEach(removeAllComponents);

  it("lists each fact as a term and its value, in order", () => {
    const element = createFacts([
      { key: "Rating", label: "Rating", value: "Hot" },
      { key: "Budget", label: "Budget", value: "$8,000–$12,000" }
    ]);

    const facts = [...element.shadowRoot.querySelectorAll(".fact")].map((fact) => [
      fact.querySelector("dt").textContent,
      fact.querySelector("dd").textContent
    ]);
    expect(facts).toEqual([
      ["Rating", "Hot"],
      ["Budget", "$8,000–$12,000"]
    ]);
  });

  it("renders an empty list without facts", () => {
    const element = createFacts();

    expect(element.shadowRoot.querySelectorAll(".fact")).toHaveLength(0);
  });

  it("is accessible", async () => {
    const element = createFacts([{ key: "Service", label: "Service", value: "Plumbing" }]);

    await expect(element).toBeAccessible();
  });
});
