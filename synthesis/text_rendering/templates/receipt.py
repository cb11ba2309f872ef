"""receipt: a till receipt or a printed table, in the scene's language.

Sub-layouts:
- thermal: a strip of thermal paper lying on a surface (or scanned full-bleed): shop
  name, address, phone, date and time, item lines (optionally with a quantity column or a
  "2 x 3.50" line) with prices in a right-aligned column, subtotal, tax, total, payment
  and change, a thank-you footer and sometimes a barcode. Amounts are integers in the
  currency's minor unit, so subtotal = sum of items and total = subtotal + tax exactly.
- table: a price list or a timetable: a title, a header row and rows × columns, ruled
  or striped.

One face (monospaced or sans) sets the whole body at one size, as a printer does; every
line is measured before it is placed, so nothing is shrunk or wrapped by the fitter.
Right-to-left scenes mirror the columns: names on the right, prices on the left.
"""

from __future__ import annotations

from dataclasses import dataclass

from synthesis.text_rendering.backgrounds import sample_background
from synthesis.text_rendering.scene import NoFit, SceneBuilder
from synthesis.text_rendering.templates.base import Template
from synthesis.text_rendering.templates.faces import kind, upright_face
from synthesis.text_rendering.templates.layouts import pick
from synthesis.text_rendering.templates.measure import leading, line_height, min_px, rendered, shorten, width_of
from synthesis.text_rendering.text.languages import language
from synthesis.text_rendering.text.phrasebook import phrase, translate
from synthesis.text_rendering.text.text_sources import NBSP, format_number


@dataclass(frozen=True)
class Currency:
    symbol: str
    prefix: bool  # symbol before the number
    decimals: int
    unit: tuple[int, int]  # typical unit price range, in major units
    tax_rates: tuple[float, ...]  # percent (the rates these countries print)


CURRENCIES = {
    "en": Currency("$", True, 2, (1, 30), (6.0, 7.0, 8.0, 8.25)),
    "de": Currency("€", False, 2, (1, 25), (7.0, 19.0)),
    "fr": Currency("€", False, 2, (1, 25), (5.5, 10.0, 20.0)),
    "es": Currency("€", False, 2, (1, 25), (10.0, 21.0)),
    "it": Currency("€", False, 2, (1, 25), (10.0, 22.0)),
    "pt": Currency("R$", True, 2, (3, 90), (10.0, 12.0)),
    "vi": Currency("₫", False, 0, (10_000, 150_000), (8.0, 10.0)),
    "ru": Currency("₽", False, 2, (40, 900), (10.0, 20.0)),
    "uk": Currency("₴", False, 2, (20, 400), (20.0,)),
    "el": Currency("€", False, 2, (1, 25), (13.0, 24.0)),
    "zh": Currency("¥", True, 2, (3, 90), (6.0, 9.0, 13.0)),
    "ja": Currency("¥", True, 0, (100, 2500), (8.0, 10.0)),
    "ko": Currency("₩", True, 0, (1_000, 25_000), (10.0,)),
    "ar": Currency("ر.س", False, 2, (2, 90), (15.0,)),
    "hi": Currency("₹", True, 2, (20, 600), (5.0, 12.0, 18.0)),
}

# Column headers of the table variant (not receipt phrases, so kept here).
HEADERS = {
    "item": ("Item", "Artikel", "Article", "Artículo", "Articolo", "Item", "Mặt hàng", "Товар", "Товар", "Είδος",
             "商品", "商品", "상품", "الصنف", "वस्तु"),
    "price": ("Price", "Preis", "Prix", "Precio", "Prezzo", "Preço", "Giá", "Цена", "Ціна", "Τιμή", "价格", "価格",
              "가격", "السعر", "कीमत"),
    "departure": ("Departure", "Abfahrt", "Départ", "Salida", "Partenza", "Partida", "Giờ đi", "Отправление",
                  "Відправлення", "Αναχώρηση", "发车时间", "発車時刻", "출발", "المغادرة", "प्रस्थान"),
    "destination": ("Destination", "Ziel", "Destination", "Destino", "Destinazione", "Destino", "Điểm đến",
                    "Направление", "Напрямок", "Προορισμός", "终点站", "行先", "행선지", "الوجهة", "गंतव्य"),
    "platform": ("Platform", "Gleis", "Quai", "Andén", "Binario", "Plataforma", "Sân ga", "Путь", "Колія",
                 "Αποβάθρα", "站台", "番線", "승강장", "الرصيف", "प्लेटफ़ॉर्म"),
}
_HEADER_LANGS = ("en", "de", "fr", "es", "it", "pt", "vi", "ru", "uk", "el", "zh", "ja", "ko", "ar", "hi")

PAPERS = ((252, 252, 250), (248, 247, 242), (245, 243, 236), (255, 255, 255), (250, 248, 240))
INKS = ((30, 30, 30), (45, 45, 50), (20, 20, 60), (55, 50, 60))


def header(key: str, lang: str) -> str:
    return HEADERS[key][_HEADER_LANGS.index(lang)]


def money(minor: int, cur: Currency, lang: str, symbol: bool = True, arabic_digits: bool = False) -> str:
    """`minor` units of `cur` as a receipt prints them ("$12.50", "12,50 €", "¥1,280"),
    digits grouped the language's way; symbol and number joined by a no-break space so
    they never part."""
    digits = format_number(minor / 10 ** cur.decimals, cur.decimals, lang, arabic_digits=arabic_digits)
    if not symbol:
        return digits
    return f"{cur.symbol}{digits}" if cur.prefix else f"{digits}{NBSP}{cur.symbol}"


class Receipt(Template):
    name = "receipt"
    scene_en = "a printed shop receipt or price table"
    scene_zh = "一张打印的购物小票或价目表"
    aspect = (0.5, 1.5)
    backgrounds = ("plain", "noise", "wood", "fabric", "paper")

    def build(self, scene: SceneBuilder, layout: str | None = None) -> None:
        """`layout` (thermal, table) forces a sub-layout."""
        if layout is None:  # wide canvases suit a table, tall ones a till strip
            layout = "table" if scene.chance(0.6 if scene.width / scene.height > 1.1 else 0.3) else "thermal"
        pick(scene, layout, ("thermal", "table"), "receipt layout")
        getattr(self, layout)(scene)

    # --- thermal receipt ------------------------------------------------------------------
    def thermal(self, scene: SceneBuilder) -> None:
        lang, cur = scene.lang, CURRENCIES[scene.lang]
        rtl = language(lang).direction == "rtl"
        cjk = language(lang).breaks == "char"
        W, H = scene.width, scene.height
        paper = scene.choice(PAPERS)
        ink = scene.choice(INKS)
        # A scan fills a tall canvas; otherwise a photo of the strip lying on a surface,
        # its paper drawn once the content's length is known (inserted under the print).
        scan = W / H < 0.8 and scene.chance(0.4)
        if scan:
            scene.set_background({"kind": "plain", "color": list(paper)})
            x0, y0, x1, y_max = 0, 0, W, H
            pad = W * scene.uniform(0.06, 0.1)
        else:
            pw = min(W * scene.uniform(0.62, 0.86), H * scene.uniform(0.5, 0.68))
            x0 = (W - pw) / 2 + scene.uniform(-0.1, 0.1) * (W - pw)
            y0, y_max = H * scene.uniform(0.0, 0.05), H * 0.96
            x1 = x0 + pw
            pad = pw * scene.uniform(0.06, 0.09)
        first_shape = len(scene.shapes)
        left, right = x0 + pad, x1 - pad
        inner = right - left
        top, bottom = y0 + pad * 0.8, y_max - pad * 0.8

        # Content first (the face must cover all of it), then measure and place.
        shop = scene.text("company", max_chars=14 if cjk else 26)
        if language(lang).script in ("latin", "cyrillic", "greek") and scene.chance(0.5):
            shop = shop.upper()
        address = scene.text("address", max_chars=40)
        phone = scene.text("phone")
        date = scene.text("date")
        time = f"{int(scene.rng.integers(7, 23)):02d}:{int(scene.rng.integers(0, 60)):02d}"  # a till's clock
        code = scene.text("code") if scene.chance(0.5) else None
        arabic = lang == "ar" and scene.chance(0.3)  # Arabic-Indic digits, as some tills print

        def fmt(minor: int, symbol: bool = False) -> str:
            return money(minor, cur, lang, symbol, arabic)

        # Candidate items first (the face must cover them all); as many are kept as the
        # strip holds at the chosen size.
        items = self._items(scene, cur, 8)
        style = scene.choice(("plain", "qty_column", "qty_line"))
        barcode = scene.chance(0.5)
        words = {k: translate(k, lang) for k in ("subtotal", "tax", "total", "cash", "change", "card")}
        footer = translate(scene.choice(("thank_you_purchase", "thank_you_purchase", "thank_you", "welcome")), lang)
        rate = scene.choice(cur.tax_rates)
        rate_text = format_number(rate, 0 if rate == int(rate) else 1, lang, arabic_digits=arabic) + "%"
        all_text = " ".join([address, phone, date, time, footer, code or "", *words.values(), fmt(123456789, True),
                             "0123456789%x@", *(n for n, _, _ in items)])
        # Monospaced Arabic faces lack the joining forms: Arabic receipts print in sans.
        mono = language(lang).script != "arabic" and scene.chance(0.65)
        face = upright_face(scene, all_text, ("mono",) if mono else ("sans",), bold=False)

        # Size: the strip's width holds 22-34 columns (CJK: 14-21), down to 18 (12) at the
        # smallest legible size; its height the fixed rows and at least three items.
        smallest = min_px(lang)
        ratio = line_height(face, 100) / 100
        per_item = 2 if style == "qty_line" else 1  # rows an item may take
        fixed = 14 + (2.5 if barcode else 0) + (1 if code else 0)
        em = 1.0 if cjk else 0.6  # advance of one column, in font sizes
        by_width = inner / (scene.uniform(14, 21) if cjk else scene.uniform(22, 34)) / em
        if by_width < smallest <= inner / (12 if cjk else 18) / em:
            by_width = smallest
        spread = leading(lang, 1.08) / 1.08  # scripts that need looser lines take more rows' height
        by_height = (bottom - top) / (fixed + 3 * per_item) / 1.25 / spread / ratio
        if by_height < smallest and (barcode or code):  # a short strip: no barcode or order number
            barcode, code = False, None
            fixed = 14
            by_height = (bottom - top) / (fixed + 3 * per_item) / 1.25 / spread / ratio
        size = int(min(by_width, by_height, 30))
        if size < smallest:
            raise NoFit("receipt strip too small for legible text")
        room = (bottom - top) / (1.3 * spread * ratio * size) - fixed

        def item_rows(kept) -> int:  # a "2 x 3.50" line under the name takes a row of its own
            return sum(2 if style == "qty_line" and q > 1 else 1 for _, q, _ in kept)

        n = int(scene.rng.integers(3, 9))
        while n > 3 and item_rows(items[:n]) > room:
            n -= 1
        items = items[:n]
        rows = item_rows(items) + fixed

        subtotal = sum(q * p for _, q, p in items)
        tax = (subtotal * round(rate * 100) + 5000) // 10000  # half-up on integer minor units
        total = subtotal + tax
        by_card = scene.chance(0.4)
        # Cash is handed over in round notes: the next multiple of one above the total.
        note = 10 ** cur.decimals * 10 ** (len(str(cur.unit[0])) - 1) * scene.choice((5, 10, 20, 50))
        tendered = -(-total // note) * note
        lh = line_height(face, size)
        # Spread the rows over the strip when the width capped the size.
        pitch = round(max(lh * leading(lang, 1.08), min(lh * 1.5, (bottom - top) * scene.uniform(0.8, 0.92) / rows)))
        y = top

        def place(text, x, w, role, align="left", face_=None, size_=None, bold=None, color=None):
            face_ = face_ or face
            size_ = size_ or size
            h = line_height(face_, size_) + 2
            # Set at size_; an edit that lengthens the line may shrink it a little.
            return scene.add_text(text, (x, y, w, h), role=role, face=face_, max_size=size_,
                                  min_size=max(smallest, size_ - 3), align=align, max_lines=1, color=color or ink,
                                  against=[paper])

        def row(name, amount, role_name, role_amount, face_=None, size_=None):
            """A name and an amount on one line, amounts in the outer column (mirrored for RTL)."""
            face_ = face_ or face
            size_ = size_ or size
            # The amount column is as wide as an amount with a digit more than any printed
            # here, so an edited price still fits its box.
            aw = width_of(face_, size_, amount, lang) + 2
            column = width_of(face_, size_, fmt(tendered * 10, True), lang) + 2
            if column <= inner * 0.45:
                aw = max(aw, column)
            nw = inner - aw - size_
            name = shorten(face_, size_, name, lang, nw - 2)
            if name is None:
                raise NoFit("receipt line name does not fit")
            if rtl:
                n = place(name, right - nw, nw, role_name, "right", face_, size_)
                a = place(amount, left, aw, role_amount, "left", face_, size_)
            else:
                n = place(name, left, nw, role_name, "left", face_, size_)
                a = place(amount, right - aw, aw, role_amount, "right", face_, size_)
            return n, a

        # Header: the shop name in a bolder, larger face.
        big = int(min(size * scene.uniform(1.5, 2.1), 60))
        head_face = upright_face(scene, shop, scene.choice((("sans",), ("serif",), ("display",))), bold=True)
        big = max(smallest, min(big, int(inner / max(width_of(head_face, 100, shop, lang), 1) * 100 * 0.98)))
        shop_block = place(shop, left, inner, "brand", "center", head_face, big)
        y += line_height(head_face, big) + pitch * 0.4
        address = shorten(face, size, address, lang, inner - 2)
        if address:
            place(address, left, inner, "address", "center")
            y += pitch
        phone_fit = shorten(face, size, phone, lang, inner - 2)
        if phone_fit == phone and scene.chance(0.7):
            place(phone, left, inner, "phone", "center")
            y += pitch
        y = self._rule(scene, left, right, y + pitch * 0.3, ink, size) + pitch * 0.3
        date_block, _ = row(date, time, "date", "time")
        y += pitch
        if code and shorten(face, size, code, lang, inner - 2) == code:
            place(code, left, inner, "code", "right" if rtl else "left")
            y += pitch
        y = self._rule(scene, left, right, y + pitch * 0.3, ink, size) + pitch * 0.3

        # Items.
        price_blocks = []
        for name, qty, unit in items:
            if style == "qty_line" and qty > 1:
                place(shorten(face, size, name, lang, inner - 2) or name, left, inner, "item",
                      "right" if rtl else "left")
                y += pitch
                _, a = row(f"  {qty} x {fmt(unit)}", fmt(qty * unit), "quantity", "price")
            elif style == "qty_column":
                _, a = row(f"{qty}  {name}", fmt(qty * unit), "item", "price")
            else:
                label = f"{qty} x {name}" if qty > 1 else name
                _, a = row(label, fmt(qty * unit), "item", "price")
            price_blocks.append(a)
            y += pitch
        y = self._rule(scene, left, right, y + pitch * 0.3, ink, size) + pitch * 0.3

        # Sums: arithmetic done on integers above; here only printed.
        _, sub_block = row(words["subtotal"], fmt(subtotal), "label", "subtotal")
        y += pitch
        _, tax_block = row(f"{words['tax']} {rate_text}", fmt(tax), "label", "tax")
        y += pitch
        total_face = upright_face(scene, words["total"] + fmt(total, True), (kind(face),), bold=True)
        tsize = max(smallest, int(size * scene.uniform(1.15, 1.45)))
        total_text = words["total"].upper() if language(lang).script == "latin" else words["total"]
        _, total_block = row(total_text, fmt(total, True), "label", "total", total_face, tsize)
        y += line_height(total_face, tsize) + pitch * 0.4
        if by_card:
            row(words["card"], fmt(total), "label", "payment")
            y += pitch
        else:
            row(words["cash"], fmt(tendered), "label", "payment")
            y += pitch
            row(words["change"], fmt(tendered - total), "label", "change")
            y += pitch
        y = self._rule(scene, left, right, y + pitch * 0.3, ink, size) + pitch * 0.5
        if y + pitch <= bottom:
            footer_fit = shorten(face, size, footer, lang, inner - 2)
            if footer_fit == footer:
                place(footer, left, inner, "footer", "center")
                y += pitch * 1.4
        if barcode and y + 2.5 * pitch <= bottom:
            self._barcode(scene, left + inner * 0.15, y, inner * 0.7, 2.5 * pitch, ink)
            y += 2.5 * pitch
        if y > bottom:
            raise NoFit("receipt content runs past the canvas")
        if not scan:
            self._strip(scene, first_shape, x0, y0, x1, min(y + pad, H * 0.97), paper)

        # Amounts are tied by arithmetic (items -> subtotal -> tax -> total -> change): a text
        # edit of one would leave the receipt wrong, so edit pairs leave them alone.
        scene.scene = {"kind": "receipt", "layout": f"thermal/{style}", "shop": rendered(shop_block),
                       "locked_roles": ["quantity", "price", "subtotal", "tax", "total", "payment", "change"],
                       "currency": cur.symbol, "tax_rate": rate, "subtotal": rendered(sub_block),
                       "tax": rendered(tax_block), "total": rendered(total_block),
                       "items": [rendered(b) for b in price_blocks], "payment": "card" if by_card else "cash"}
        scene.fact("What is the total on the receipt?", "这张小票的合计金额是多少？", rendered(total_block))
        scene.fact("What is the name of the shop on the receipt?", "小票上的店名是什么？", rendered(shop_block))
        scene.fact("What date is printed on the receipt?", "小票上打印的日期是哪天？", rendered(date_block))
        scene.fact("How much tax was charged?", "收了多少税？", rendered(tax_block))

    def _items(self, scene: SceneBuilder, cur: Currency, n: int) -> list[tuple[str, int, int]]:
        """(name, quantity, unit price in minor units) with prices that end like real ones."""
        out = []
        lo, hi = cur.unit
        for _ in range(n):
            # Phrasebook foods and goods, or a branded product with its size ("Milk 1 L").
            name = (phrase(scene.rng, scene.lang, scene.choice(("food", "product"))) if scene.chance(0.5)
                    else scene.text("product", max_chars=22))
            qty = 1 if scene.chance(0.65) else int(scene.rng.integers(2, 5))
            major = int(scene.rng.integers(lo, hi + 1))
            if cur.decimals:
                minor = major * 10 ** cur.decimals + scene.choice((0, 0, 49, 50, 90, 95, 99, 25, 75))
            else:  # round to a realistic step of the currency (¥10, ₩100, ₫1000)
                step = 10 ** max(0, len(str(lo)) - 1)
                minor = max(step, major // step * step)
            out.append((name, qty, minor))
        return out

    def _rule(self, scene: SceneBuilder, x0: float, x1: float, y: float, ink, size: int) -> float:
        """A printed separator: dashes, dots or a thin solid line; returns the y below it."""
        style = scene.choice(("dash", "dash", "solid", "double"))
        if style == "dash":
            dash = max(3, size * 0.45)
            x = x0
            while x + dash <= x1:
                scene.add_shape("line", (x, y, x + dash, y), fill=ink, width=max(1, size // 12))
                x += dash * 1.8
        else:
            scene.add_shape("line", (x0, y, x1, y), fill=ink, width=1)
            if style == "double":
                scene.add_shape("line", (x0, y + 3, x1, y + 3), fill=ink, width=1)
        return y + 4

    def _strip(self, scene: SceneBuilder, at: int, x0: float, y0: float, x1: float, y1: float, paper) -> None:
        """The paper strip (shadow, sheet, zigzag tear at the bottom), slid under the shapes
        printed on it since `at`."""
        printed = scene.shapes[at:]
        del scene.shapes[at:]
        shade = tuple(int(c * 0.55) for c in scene.region_colors((x0, y0, x1, y1))[1])
        scene.add_shape("rect", (x0 + 5, y0 + 5, x1 + 5, y1 + 3), fill=shade)
        scene.add_shape("rect", (x0, y0, x1, y1), fill=paper)
        teeth = max(8, int((x1 - x0) / 14))
        step = (x1 - x0) / teeth
        pts = [(x0, y1)]
        for k in range(teeth):
            pts += [(x0 + (k + 0.5) * step, y1 + step * 0.45), (x0 + (k + 1) * step, y1)]
        scene.add_shape("polygon", pts, fill=paper)
        scene.shapes += printed

    def _barcode(self, scene: SceneBuilder, x: float, y: float, w: float, h: float, ink) -> None:
        bars = scene.rng.integers(1, 4, 48)
        unit = w / float(bars.sum() * 1.6)
        cx = x
        for k, b in enumerate(bars):
            if k % 2 == 0:
                scene.add_shape("rect", (cx, y, cx + b * unit, y + h), fill=ink)
            cx += b * unit * 1.6

    # --- table: price list or timetable ------------------------------------------------------
    def table(self, scene: SceneBuilder) -> None:
        lang = scene.lang
        rtl = language(lang).direction == "rtl"
        cjk = language(lang).breaks == "char"
        W, H = scene.width, scene.height
        light = scene.chance(0.8)
        page = scene.choice(PAPERS) if light else scene.choice(((28, 32, 40), (20, 45, 35), (40, 25, 25)))
        ink = scene.choice(INKS) if light else (240, 240, 235)
        accent = scene.choice(((200, 60, 50), (40, 90, 160), (30, 120, 80), (120, 70, 30), (90, 60, 140)))
        if scene.chance(0.5):
            scene.set_background(sample_background(scene.rng, ("paper",)) if light
                                 else {"kind": "plain", "color": list(page)})
            page = scene.region_colors((0, 0, W, H))[1]
            x0, y0, x1, y1 = 0, 0, W, H
        else:
            m = min(W, H) * scene.uniform(0.04, 0.08)
            x0, y0, x1, y1 = m, m, W - m, H - m
            scene.add_shape("rect", (x0 + 4, y0 + 4, x1 + 4, y1 + 4), fill=tuple(
                int(c * 0.55) for c in scene.region_colors((x0, y0, x1, y1))[1]))
            scene.add_shape("rect", (x0, y0, x1, y1), fill=page)
        pad = min(x1 - x0, y1 - y0) * scene.uniform(0.06, 0.1)
        left, right, top, bottom = x0 + pad, x1 - pad, y0 + pad, y1 - pad

        timetable = scene.chance(0.4)
        cur = CURRENCIES[lang]
        if timetable:
            keys = ["departure", "destination", "platform"]
            title = scene.text("title", max_chars=16 if cjk else 30)
        else:
            keys = ["item", "price"]
            title = phrase(scene.rng, lang, "food") if scene.chance(0.3) else scene.text("company", max_chars=24)
        heads = [header(k, lang) for k in keys]
        n_rows = min(16, int(scene.rng.integers(4, 11) * max(1.0, H / W)))  # a tall page lists more
        rows = []
        for _ in range(n_rows):
            if timetable:
                hh, mm = int(scene.rng.integers(5, 24)), int(scene.rng.choice(range(0, 60, 5)))
                rows.append([f"{hh:02d}:{mm:02d}", scene.text("title", max_chars=12 if cjk else 20),
                             str(int(scene.rng.integers(1, 15)))])
            else:
                lo, hi = cur.unit
                major = int(scene.rng.integers(lo, hi + 1))
                minor = major * 10 ** cur.decimals + (scene.choice((0, 50, 90, 99)) if cur.decimals else 0)
                name = phrase(scene.rng, lang, scene.choice(("food", "product"))) if scene.chance(0.5) else \
                    scene.text("product", max_chars=12 if cjk else 24)
                rows.append([name, money(minor, cur, lang)])
        if timetable:
            rows.sort(key=lambda r: r[0])

        body_face = upright_face(scene, " ".join(heads + [c for r in rows for c in r]),
                                 scene.choice((("sans",), ("serif",)) if rtl else (("sans",), ("mono",), ("serif",))),
                                 bold=False)
        head_face = upright_face(scene, " ".join(heads), (kind(body_face),), bold=True)
        smallest = min_px(lang)
        # Title takes ~15% of the height; rows share the rest evenly (header row included).
        title_h = (bottom - top) * scene.uniform(0.1, 0.16)
        # As many rows as the page holds at a legible size (a short page lists fewer).
        fitting = int((bottom - top - title_h * 1.3) / (1.7 * line_height(body_face, smallest))) - 1
        if fitting < 3:
            raise NoFit("table rows too dense for legible text")
        rows = rows[:fitting]
        n_rows = len(rows)
        row_h = (bottom - top - title_h * 1.3) / (n_rows + 1)
        size = int(min(row_h / 1.7 / (line_height(body_face, 100) / 100), 34))
        if size < smallest:
            raise NoFit("table rows too dense for legible text")
        title_face = upright_face(scene, title, scene.choice((("sans",), ("serif",), ("display",))), True)
        title_block = scene.add_text(title, (left, top, right - left, title_h), role="title", face=title_face,
                                     max_size=int(title_h), min_size=smallest, max_lines=1,
                                     align="center" if scene.chance(0.6) else ("right" if rtl else "left"),
                                     valign="middle", against=[page], color=accent if light else None)
        # Column widths in proportion to the widest cell of each column; a table too wide
        # is set smaller, then its names column (item / destination) is cut to fit.
        def natural(size: int) -> list[float]:
            return [max([width_of(body_face, size, r[c], lang) for r in rows]
                        + [width_of(head_face, size, heads[c], lang)]) + size for c in range(len(keys))]

        while sum(natural(size)) > right - left and size > smallest:
            size -= 1
        widths = natural(size)
        names = 1 if timetable else 0
        excess = sum(widths) - (right - left)
        if excess > 0:
            limit = widths[names] - excess - size
            for r in rows:
                r[names] = shorten(body_face, size, r[names], lang, limit) or ""
            if not all(r[names] for r in rows) or limit < width_of(head_face, size, heads[names], lang):
                raise NoFit("table too wide for the page")
            widths = natural(size)
        scale = (right - left) / sum(widths)
        widths = [w * scale for w in widths]
        row_h = min(row_h, line_height(body_face, size) * 2.4)  # small text: rows close up, the page runs on
        ty = top + title_h * 1.3
        header_fill = accent if scene.chance(0.6) else None
        stripes = scene.chance(0.5)
        stripe = tuple(int(c * 0.94) for c in page) if light else tuple(min(255, c + 18) for c in page)
        cell_blocks = []
        for r, cells in enumerate([heads] + rows):
            y = ty + r * row_h
            fill = header_fill if r == 0 and header_fill else (stripe if stripes and r % 2 == 0 and r else None)
            if fill:
                scene.add_shape("rect", (left, y, right, y + row_h), fill=fill)
            else:
                scene.add_shape("line", (left, y + row_h, right, y + row_h), fill=ink, width=2 if r == 0 else 1)
            under = fill or page
            xs = self._columns(left, widths, rtl)
            row_blocks = []
            for c, (text, (cx, cw)) in enumerate(zip(cells, xs)):
                numeric = c == len(cells) - 1 and not timetable or (timetable and c == 2)
                align = ("left" if rtl else "right") if numeric else ("right" if rtl else "left")
                if timetable and c == 2:
                    align = "center"
                face = head_face if r == 0 else body_face
                block = scene.add_text(text, (cx + size * 0.4, y, cw - size * 0.8, row_h), role="heading" if r == 0
                                       else ("price" if numeric and not timetable else "item"), face=face,
                                       max_size=size, min_size=smallest, max_lines=1, align=align, valign="middle",
                                       against=[under], color=(255, 255, 255) if r == 0 and header_fill else ink)
                row_blocks.append(block)
            cell_blocks.append(row_blocks)
        scene.scene = {"kind": "timetable" if timetable else "price_list", "layout": "table",
                       "title": rendered(title_block), "columns": heads,
                       "rows": [[rendered(b) for b in rb] for rb in cell_blocks[1:]]}
        scene.fact("What is the title of the table?", "这张表格的标题是什么？", rendered(title_block))
        pick = int(scene.rng.integers(1, len(cell_blocks)))
        key, value = rendered(cell_blocks[pick][0]), rendered(cell_blocks[pick][-1])
        if timetable:
            scene.fact(f"Which platform does the {key} departure leave from?",
                       f"{key}发车的班次在几号站台？", value)
        else:
            scene.fact(f"How much does {key} cost?", f"{key}多少钱？", value)

    @staticmethod
    def _columns(left: float, widths: list[float], rtl: bool) -> list[tuple[float, float]]:
        """(x, width) of each column, right to left for RTL tables."""
        xs, x = [], left
        for w in (reversed(widths) if rtl else widths):
            xs.append((x, w))
            x += w
        return list(reversed(xs)) if rtl else xs
