import { AlertSettingsForm, TestMessageForm } from "@/components/dashboard/alert-settings-form";
import { MessageList } from "@/components/dashboard/message-list";
import { OwnerOnly } from "@/components/dashboard/owner-only";
import { RefreshWhileWaiting } from "@/components/dashboard/refresh-while-waiting";
import { sellerPage } from "@/lib/auth/guards";
import { getAlertSettings } from "@/lib/notifications/queries";

export const metadata = { title: "Notifications" };
export const dynamic = "force-dynamic";

const card = "rounded-xl border border-stone-200 bg-white p-4";

function ChannelState({ name, on, setting }: { name: string; on: boolean; setting: string }) {
  return (
    <li>
      <span className="font-medium">{name}:</span>{" "}
      {on ? (
        <span className="text-brand-700">on</span>
      ) : (
        <span className="text-amber-800">off, nothing is sent (set {setting})</span>
      )}
    </li>
  );
}

export default async function NotificationSettingsPage() {
  const user = await sellerPage();
  if (user.role !== "OWNER") return <OwnerOnly what="change where order alerts go" />;
  const settings = await getAlertSettings();
  const { sms, email } = settings.effective;
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-semibold">Notifications</h1>
      <p className="text-sm text-stone-600">
        Customers get an SMS (and an email when they gave one) when their order is paid. You get an alert for
        every paid order, for every order that needs attention, and when a size or colour runs low on stock.
      </p>
      <section className={card} aria-labelledby="channels-h">
        <h2 id="channels-h" className="font-semibold">
          Channels
        </h2>
        <ul className="mt-2 space-y-1 text-sm" data-testid="channels">
          <ChannelState
            name="SMS (Africa's Talking)"
            on={settings.channels.sms}
            setting="AT_USERNAME and AT_API_KEY"
          />
          <ChannelState name="Email (SMTP)" on={settings.channels.email} setting="SMTP_URL and MAIL_FROM" />
        </ul>
        <p className="mt-2 text-sm text-stone-700" data-testid="alerts-go-to">
          Alerts now go to: {[...sms, ...email].join(", ") || "nobody"}
        </p>
      </section>
      <AlertSettingsForm saved={settings} />
      <section className={card} aria-labelledby="test-h">
        <h2 id="test-h" className="font-semibold">
          Test
        </h2>
        <p className="mt-1 mb-3 text-sm text-stone-600">
          Sends a short message to every alert recipient above.
        </p>
        <TestMessageForm />
        <MessageList messages={settings.recentTests} canResend={false} />
        {settings.recentTests.some((m) => m.status === "QUEUED" || m.status === "SENDING") && (
          <RefreshWhileWaiting />
        )}
      </section>
    </div>
  );
}
