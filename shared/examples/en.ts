import type { TemplateTranslation } from './translate.ts';

/**
 * The example funnels' own texts in English, for “New funnel” in the English UI and for the demo
 * workspace seeded with `VORONKA_LANG=en` (the examples themselves are written in Russian). Keyed
 * by funnel id, then node id; each node's part is laid over its data (objects field by field,
 * lists item by item); scenarios by file name. `tests/unit/web/templates.test.ts` checks that every
 * key still names a node and a text field or a scenario, and that no Russian text is left.
 */
export const EN: Record<string, TemplateTranslation> = {
  'abandoned-cart': {
    name: 'Abandoned cart: two reminders and a discount',
    scenarios: {
      'never-pays': 'never pays: two reminders (the second with a discount), then the run ends',
      'other-cart-does-not-convert': 'pays for another cart: the run for cart cart-1001 does not notice it and sends the reminder',
      'pays-after-first-reminder': 'gets the first reminder an hour later and pays for the cart',
      'pays-within-hour': 'pays for the same cart within the hour: no reminders, goal reached',
    },
    nodes: {
      remind_1: {
        subject: '{{contact.firstName}}, your items are waiting in your cart',
        body: '{{contact.firstName}}, you left cart #{{event.data.cartId}} worth {{event.data.total | money}}. We have saved it for you — check out in one click: {{event.data.cartUrl}}',
      },
      remind_2: {
        subject: '5% off your cart — for 2 days only',
        body: '{{contact.firstName}}, cart #{{event.data.cartId}} is still waiting. Here is 5% off with the promo code CART5, valid for 2 days: {{event.data.cartUrl}}',
      },
      lost: { reason: 'Cart not paid' },
      recovered: { name: 'Abandoned cart paid' },
    },
  },
  birthday: {
    name: 'Birthday: before, on the day and after',
    scenarios: {
      'before-on-after': 'birthday on 10 March: emails 3 days before, on the day and 2 days after, at 10:00 Moscow time',
      'birthday-set-later-yekaterinburg': 'the birthday is filled in later, a contact from Yekaterinburg: 10:00 local time; unsubscribes during the pause',
      'no-birthday': 'no birthday: the date trigger does not fire',
      'no-email-consent': 'no email consent: every marketing email is skipped, the run still goes through the whole chain',
    },
    nodes: {
      before: {
        subject: '{{contact.firstName}}, your birthday is coming up!',
        body: '{{contact.firstName}}, your big day is three days away and your gift is ready: the promo code BDAY15 takes 15% off any order. It is valid for a week.',
      },
      on_day: {
        subject: 'Happy birthday, {{contact.firstName}}!',
        body: '{{contact.firstName}}, happy birthday! A reminder of your gift: the promo code BDAY15 for 15% off.',
      },
      after: {
        subject: 'Your gift expires in two days',
        body: '{{contact.firstName}}, the promo code BDAY15 for 15% off is valid for two more days — treat yourself while you can.',
      },
      done: { reason: 'Greetings sent' },
    },
  },
  'car-dealer': {
    name: 'Car dealer: the first year after a car purchase',
    scenarios: {
      'first-call-problem': 'the first call finds a problem: service fixes it, the call a month later comes 23 days after that',
      'full-year': 'a whole year: both calls made, buys accessories, gets a service SMS without SMS consent (a service message), renews the insurance',
      'insurance-overdue': 'no accessories bought, the insurance agent misses the 3-day deadline: the task is overdue, the customer gets an email',
    },
    nodes: {
      call_week: {
        title: 'Call: how is the new car?',
        description:
          '{{contact.firstName}} picked up the {{event.data.model}} a week ago. Ask about first impressions; if something is wrong, choose “Problem found” and the task goes to the service team.',
        outcomes: [{ label: 'All good' }, { label: 'Problem found' }],
      },
      service_call: {
        title: 'Service: sort out a problem with a new car',
        description: '{{contact.firstName}} has a problem with the {{event.data.model}} a week after buying it. Get in touch and book a diagnostic visit.',
        outcomes: [{ label: 'Problem solved' }],
      },
      call_month: {
        title: 'Call a month after the purchase',
        description: 'A month since the {{event.data.model}} was bought: ask {{contact.firstName}} whether all is well and mention the first service.',
        outcomes: [{ label: 'Talked' }, { label: 'No answer' }],
      },
      cross: {
        product: { name: '“Protection” kit: floor mats, underbody guard and extended warranty' },
        message: {
          subject: '{{contact.firstName}}, three months with your new car',
          body: '{{contact.firstName}}, especially for {{event.data.model}} owners. {{product.name}} — for {{product.priceText}}. The offer is valid for 14 days: https://dealer.example.ru/offer/ACC-1',
        },
      },
      cross_goal: { name: 'Accessories upsell' },
      service_msg: { body: '{{contact.firstName}}, six months since you bought the {{event.data.model}} — time for its scheduled service. Book: +7 495 000-00-00' },
      insurance: {
        title: 'Insurance renewal',
        description: "{{contact.firstName}}'s policy for the {{event.data.model}} ends soon. Offer to renew the comprehensive and third-party cover.",
        outcomes: [{ label: 'Renewed' }, { label: 'Declined' }],
      },
      renewed: { name: 'Insurance renewed' },
      insurance_declined: { reason: 'Declined the insurance renewal' },
      insurance_reminder: {
        subject: '{{contact.firstName}}, your policy ends soon',
        body: '{{contact.firstName}}, we could not reach you by phone. Your policy for the {{event.data.model}} ends soon — renew it online: https://dealer.example.ru/insurance',
      },
    },
  },
  classic: {
    name: 'Classic funnel: offer → lead magnet → tripwire → core product',
    scenarios: {
      'happy-path': 'accepts the offer, claims the lead magnet, buys the tripwire, the manager closes the deal, buys the core product',
      'lead-magnet-reminder-quiet-hours': 'accepts the offer late at night: the lead magnet email and the reminder wait for the end of quiet hours; claims it after the reminder',
      'manager-overdue': 'buys the tripwire, the manager misses the one-day deadline, the core product offer goes out anyway and expires',
      'unsubscribes': 'unsubscribes while the tripwire offer is open: the run ends at once',
    },
    nodes: {
      offer: {
        product: { name: 'Free webinar “An automated funnel in one evening”' },
        message: {
          subject: '{{contact.firstName}}, join our free webinar',
          body: 'Hello, {{contact.firstName}}!\n\n{{product.name}} — you are invited! Click “I want to join” and get the checklist “25 emails for an automated funnel” as a gift right away.',
        },
      },
      offer_end: { reason: 'Offer not taken' },
      lm: {
        product: { name: 'Checklist “25 emails for an automated funnel”' },
        message: {
          subject: '{{contact.firstName}}, your gift is ready',
          body: '{{contact.firstName}}, thank you for your interest! {{product.name}} — get it here: https://voronka.example/lm/checklist',
        },
      },
      lm_reminder: {
        subject: '{{contact.firstName}}, you have not picked up your checklist',
        body: '{{contact.firstName}}, your checklist “25 emails for an automated funnel” is still waiting for you: https://voronka.example/lm/checklist. The link works for two more days.',
      },
      lm_end: { reason: 'Lead magnet not claimed' },
      trip: {
        product: { name: 'Mini-course “Your first automated funnel in 7 days”' },
        message: {
          subject: '{{product.name}} — just {{product.priceText}}',
          body: '{{contact.firstName}}, you have read the checklist — time to build your first funnel. {{product.name}} for {{product.priceText}}, the offer is valid for 3 days: https://voronka.example/buy/TRIP-1',
        },
      },
      trip_end: { reason: 'Tripwire not bought' },
      call: {
        title: 'Call the lead: bought the tripwire',
        description: '{{contact.firstName}} paid {{stages.tripwire.priceText}} for the mini-course. Find out what the client needs and offer the core course “Turnkey automated funnels”.',
        outcomes: [{ label: 'Interested, send the offer' }, { label: 'Declined' }],
      },
      call_lost: { reason: "Declined after the manager's call" },
      core: {
        product: { name: 'Course “Turnkey automated funnels”' },
        message: {
          subject: '{{contact.firstName}}, your personal offer',
          body: '{{contact.firstName}}, as promised, your personal offer. {{product.name}} for {{product.priceText}}. Pay here: https://voronka.example/buy/CORE-1',
        },
      },
      sale: { name: 'Core product bought' },
      core_end: { reason: 'Core product not bought' },
    },
  },
  reactivation: {
    name: 'Win back sleeping customers: A/B discount or free delivery',
    scenarios: {
      'variant-a-converts': 'variant A (10% off): pays for an order two days later and counts as reactivated',
      'variant-a-no-sms-consent': 'variant A expires; without SMS consent the “last chance” SMS is skipped, the run still reaches the exit',
      'variant-b-last-chance-sms': 'variant B (free delivery): no order for 7 days, gets the “last chance” SMS, the run ends',
      'variant-b-waiting': 'variant B, day three: still waiting on the free delivery offer',
    },
    nodes: {
      offer_a: {
        product: { name: '10% off the next order' },
        message: {
          subject: '{{contact.firstName}}, we miss you: 10% off your order',
          body: '{{contact.firstName}}, we have not seen you for a while! Here is “{{product.name}}” with the promo code BACK10. It is valid for 7 days: https://shop.example.ru/?promo=BACK10',
        },
      },
      offer_b: {
        product: { name: 'Free delivery of the next order' },
        message: {
          subject: '{{contact.firstName}}, delivery is on us',
          body: '{{contact.firstName}}, we have not seen you for a while! Here is “{{product.name}}” with the promo code FREESHIP. It is valid for 7 days: https://shop.example.ru/?promo=FREESHIP',
        },
      },
      reactivated: { name: 'Customer came back' },
      last_sms: { body: '{{contact.firstName}}, last chance: your gift expires today. shop.example.ru' },
      bye: { reason: 'Customer did not come back' },
    },
  },
};

/** The example scenarios' test contacts and the demo contacts, named in English. */
export const EN_FIRST_NAMES: Record<string, string> = {
  Анна: 'Anna',
  Борис: 'Boris',
  Вера: 'Vera',
  Глеб: 'Gleb',
  Дарья: 'Daria',
  Дина: 'Dina',
  Елена: 'Elena',
  Илья: 'Ilya',
  Галина: 'Galina',
  Фёдор: 'Fyodor',
  Кирилл: 'Kirill',
  Мария: 'Maria',
  Николай: 'Nikolai',
};
