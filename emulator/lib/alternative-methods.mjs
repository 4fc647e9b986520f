/**
 * The methods whose token is an `AlternativePaymentToken` (`{method, billingAddress}`): the `CompositeToken`
 * discriminator of Rebilly's Storefront OpenAPI document. Paid offsite: the transaction waits for approval.
 */
export const ALTERNATIVE_METHODS = new Set([
  "cash", "check", "AdvCash", "Alfa-click", "Alipay", "AstroPay Card", "AstroPay-GO", "BankReferenced",
  "bank-transfer", "bank-transfer-2", "bank-transfer-3", "bank-transfer-4", "bank-transfer-5",
  "bank-transfer-6", "bank-transfer-7", "bank-transfer-8", "bank-transfer-9", "Baloto", "Beeline",
  "Belfius-direct-net", "bitcoin", "Bizum", "Boleto", "cash-deposit", "CASHlib", "CashToCode",
  "China UnionPay", "Cleo", "CODVoucher", "Conekta-oxxo", "Cupon-de-pagos", "domestic-cards", "ecoPayz",
  "ecoVoucher", "Efecty", "EPS", "ePay.bg", "eZeeWallet", "FasterPay", "Flexepin", "Giropay", "Gpaysafe",
  "Google Pay", "iDebit", "iDEAL", "ING-homepay", "INOVAPAY-pin", "INOVAPAY-wallet", "InstaDebit",
  "instant-bank-transfer", "InstantPayments", "Interac", "Interac-online", "Interac-eTransfer", "invoice",
  "iWallet", "Jeton", "jpay", "KNOT", "loonie", "Matrix", "MaxiCash", "Megafon", "MiFinity-eWallet",
  "miscellaneous", "Bancontact", "Bancontact-mobile", "MTS", "MuchBetter", "Multibanco", "Neosurf",
  "Netbanking", "Neteller", "Nordea-Solo", "OchaPay", "online-bank-transfer", "Onlineueberweisen",
  "oriental-wallet", "OXXO", "P24", "Pagadito", "PagoEffectivo", "Pagsmile-deposit-express",
  "Pagsmile-lottery", "PayCash", "Payeer", "PaymentAsia-crypto", "Paymero", "Perfect-money", "Piastrix",
  "PayTabs", "Paysafecard", "Paysafecash", "Pay4Fun", "Paynote", "PinPay", "phone", "PhonePe", "POLi",
  "PostFinance-card", "PostFinance-e-finance", "QIWI", "QPay", "QQPay", "rapyd-checkout", "Resurs",
  "SafetyPay", "SEPA", "Skrill", "Skrill Rapid Transfer", "SMSVoucher", "Sofort", "SparkPay", "swift-dbt",
  "Tele2", "Terminaly-RF", "ToditoCash-card", "Trustly", "UPayCard", "UPI", "USD-coin", "VCreditos",
  "VenusPoint", "voucher", "voucher-2", "voucher-3", "voucher-4", "Webmoney", "Webpay", "Webpay-2",
  "Webpay Card", "WeChat Pay", "XPay-P2P", "XPay-QR", "Yandex-money", "Zotapay", "Zimpler"
]);
