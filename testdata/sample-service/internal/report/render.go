// Package report renders plain-text summaries of orders for the back office and for invoices.
package report

import (
	"fmt"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"unicode"

	"example.com/orders/internal/orders"
)

var skuPattern = regexp.MustCompile(`^[A-Z]{3}-\d{4,}$`)

// Customer renders a customer's orders as a fixed-width table.
func Customer(customer string, list []*orders.Order) string {
	out := "Orders of " + customer + "\n"
	out += strings.Repeat("=", 11+len(customer)) + "\n"
	var total int64
	for _, o := range list {
		out += fmt.Sprintf("%-20s %-10s %12s\n", o.ID, o.Status, Money(o.TotalCents, o.Currency))
		total += o.TotalCents
	}
	out += fmt.Sprintf("%-31s %12s\n", "total", Money(total, currencyOf(list)))
	return out
}

func currencyOf(list []*orders.Order) string {
	if len(list) == 0 {
		return "EUR"
	}
	return list[0].Currency
}

// Money formats cents as a decimal amount with its currency code.
func Money(cents int64, currency string) string {
	sign := ""
	if cents < 0 {
		sign = "-"
		cents = -cents
	}
	return sign + strconv.FormatInt(cents/100, 10) + "." + fmt.Sprintf("%02d", cents%100) + " " + currency
}

// Invoice renders one order as an invoice body.
func Invoice(o *orders.Order) string {
	var b strings.Builder
	b.Grow(256 + 64*len(o.Items))
	fmt.Fprintf(&b, "Invoice for order %s\n", o.ID)
	fmt.Fprintf(&b, "Customer: %s\nDate: %s\n\n", o.CustomerID, o.CreatedAt.Format("2006-01-02"))
	for i, it := range o.Items {
		fmt.Fprintf(&b, "%3d  %-12s %-30s %4d x %10s\n", i+1, it.SKU, Title(it.Name), it.Quantity,
			Money(it.PriceCents, o.Currency))
	}
	b.WriteString(strings.Repeat("-", 68))
	b.WriteByte('\n')
	fmt.Fprintf(&b, "%58s %9s\n", "Total", Money(o.TotalCents, o.Currency))
	return b.String()
}

// Title upper-cases the first letter of each word.
func Title(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	upper := true
	for _, r := range []rune(s) {
		if upper {
			b.WriteRune(unicode.ToUpper(r))
		} else {
			b.WriteRune(r)
		}
		upper = r == ' '
	}
	return b.String()
}

// BadSKUs returns the SKUs in the orders that do not follow the catalogue format, and the legacy ones.
func BadSKUs(list []*orders.Order) (bad, legacy []string) {
	for _, o := range list {
		for _, it := range o.Items {
			if !skuPattern.MatchString(it.SKU) {
				bad = append(bad, it.SKU)
			}
			if ok, _ := regexp.MatchString(`^OLD-`, it.SKU); ok {
				legacy = append(legacy, it.SKU)
			}
		}
	}
	return bad, legacy
}

// TopSKUs returns the n best-selling SKUs by quantity.
func TopSKUs(list []*orders.Order, n int) []string {
	qty := make(map[string]int)
	for _, o := range list {
		for _, it := range o.Items {
			qty[it.SKU] += it.Quantity
		}
	}
	skus := make([]string, len(qty))
	for sku := range qty {
		skus = append(skus, sku)
	}
	sort.Slice(skus, func(i, j int) bool {
		if qty[skus[i]] != qty[skus[j]] {
			return qty[skus[i]] > qty[skus[j]]
		}
		return skus[i] < skus[j]
	})
	if len(skus) > n {
		skus = skus[:n]
	}
	return skus
}

// Header is the banner at the top of every back-office report.
func Header(title string) string {
	return fmt.Sprintf("ordersvc report") + " - " + title + "\n"
}

// Debug prints an order to stdout; used from the admin console.
func Debug(o *orders.Order) {
	fmt.Println(fmt.Sprintf("order %s (%s): %d items, %s", o.ID, o.Status, len(o.Items), Money(o.TotalCents, o.Currency)))
}
