import { formatKes } from "@/lib/format";

export type PaymentChoice = "mpesa" | "delivery";

type Props = {
  choice: PaymentChoice;
  onChoose: (choice: PaymentChoice) => void;
  /** Shown under "Pay on delivery": the owner's note. */
  note: string;
  totalKes: number;
  /** The words for paying at the door or at the counter. */
  laterLabel: string;
};

/** "Pay now with M-Pesa" or "Pay on delivery", when the chosen delivery option allows the latter. */
export function PaymentChoiceField({ choice, onChoose, note, totalKes, laterLabel }: Props) {
  const option = (value: PaymentChoice, title: string, detail: string) => (
    <label className="flex min-h-12 cursor-pointer gap-3 rounded-lg border border-stone-200 p-3 has-checked:border-brand-600 has-checked:bg-brand-50">
      <input
        type="radio"
        name="payment"
        value={value}
        checked={choice === value}
        onChange={() => onChoose(value)}
        className="mt-1 h-5 w-5 shrink-0 accent-brand-600"
      />
      <span className="min-w-0 flex-1 text-sm">
        <span className="block font-medium">{title}</span>
        <span className="block text-stone-600">{detail}</span>
      </span>
    </label>
  );
  return (
    <fieldset
      className="space-y-2 rounded-xl border border-stone-200 bg-white p-4"
      data-testid="payment-choice"
    >
      <legend className="px-1 font-semibold">How do you want to pay?</legend>
      {option("mpesa", "Pay now with M-Pesa", `A prompt for ${formatKes(totalKes)} comes to your phone now.`)}
      {option("delivery", laterLabel, note || "Pay by M-Pesa or cash when you get your order.")}
    </fieldset>
  );
}
