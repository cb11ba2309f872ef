"""ui_screen: a screenshot of an app or a web page, light or dark theme.

Phone (portrait canvas): status bar (clock, battery %), app bar with the screen title,
then one of
- login: app name, text fields with placeholder text, a primary button, a text link;
- list: a search field, rows of names with a date and a price or time, a tab bar;
- settings: rows of labels with switches or chevrons, a tab bar;
- product: picture area, product name, price, description, two buttons;
- dialog: a modal card (title, message, Cancel / Confirm) over a dimmed screen.
Desktop (landscape canvas, sometimes inside browser chrome with a tab and an address
bar): a navigation bar with the site name, links and a button, then a landing hero
(headline, text, two buttons), a dashboard (sidebar, stat cards, a table) or a form card.

Controls are canvas shapes with their labels centred inside (the button rectangles are
kept in `scene.scene["buttons"]`); each label's colour is chosen against its control's
fill. Right-to-left screens mirror the horizontal layout.
"""

from __future__ import annotations

from synthesis.text_rendering import colors
from synthesis.text_rendering.scene import NoFit, SceneBuilder
from synthesis.text_rendering.templates.base import Template
from synthesis.text_rendering.templates.faces import covering, upright_face
from synthesis.text_rendering.templates.layouts import pick
from synthesis.text_rendering.templates.measure import fits, leading, line_height, min_px, rendered, width_of
from synthesis.text_rendering.text import text_sources
from synthesis.text_rendering.text.languages import language
from synthesis.text_rendering.text.phrasebook import phrase, translate

ACCENTS = ((25, 118, 210), (46, 125, 50), (103, 58, 183), (0, 121, 107), (198, 40, 40), (48, 63, 159),
           (2, 119, 189), (173, 20, 87), (69, 90, 100), (230, 81, 0), (255, 193, 7), (0, 188, 212))
# (page background, surface of cards and bars, text, secondary text, divider)
LIGHT = (((255, 255, 255), (246, 247, 249), (20, 20, 24), (95, 99, 108), (226, 228, 232)),
         ((248, 249, 251), (255, 255, 255), (17, 24, 39), (90, 97, 110), (229, 231, 235)))
DARK = (((18, 18, 18), (33, 33, 36), (240, 240, 242), (170, 172, 178), (58, 58, 62)),
        ((13, 17, 23), (22, 27, 34), (230, 237, 243), (150, 160, 170), (48, 54, 61)))


def on(fill) -> tuple[int, int, int]:
    """Black or white, whichever reads better on `fill` (labels on coloured controls)."""
    return max(((255, 255, 255), (15, 15, 15)), key=lambda c: colors.contrast(c, fill))


class UiScreen(Template):
    name = "ui_screen"
    scene_en = "a screenshot of an app or website"
    scene_zh = "一张应用或网页界面截图"
    backgrounds = ("plain",)

    def build(self, scene: SceneBuilder, screen: str | None = None) -> None:
        """`screen` forces a sub-layout: login, list, settings, product, dialog (portrait
        canvases) or hero, dashboard, form (landscape)."""
        self.forced = screen
        self.dark = scene.chance(0.35)
        self.bg, self.surface, self.fg, self.muted, self.line = scene.choice(DARK if self.dark else LIGHT)
        self.accent = scene.choice(ACCENTS)
        scene.set_background({"kind": "plain", "color": list(self.bg)})
        self.rtl = language(scene.lang).direction == "rtl"
        self.lead = "right" if self.rtl else "left"
        self.face = upright_face(scene, scene.text("paragraph"), ("sans",), False)
        self.bold = upright_face(scene, scene.text("title"), ("sans",), True)
        self.buttons: list[dict] = []
        W, H = scene.width, scene.height
        if W / H < 0.8:
            self.phone(scene)
        else:
            self.desktop(scene, chrome=W / H > 1.25 and scene.chance(0.6))
        scene.scene = {**scene.scene, "kind": "ui_screen", "theme": "dark" if self.dark else "light",
                       "buttons": self.buttons}

    # --- pieces -----------------------------------------------------------------------------
    def x(self, scene, x: float, w: float) -> float:
        """Mirror a left-to-right x for right-to-left screens."""
        return scene.width - x - w if self.rtl else x

    def label(self, scene, text, box, role, size, *, bold=False, color=None, against=None, align=None,
              valign="middle", lines=1, lo=None, cut=True):
        """Text set in `box` at up to `size`. A box lower than one line at the smallest
        size grows about its anchor; text too long even at the smallest size is cut at a
        unit boundary, as screens truncate names and sentences, unless `cut` is False
        (button labels and other translations stay whole)."""
        lang = scene.lang
        face = covering(scene, self.bold if bold else self.face, text)
        x, y, w, h = box
        lo = lo or min_px(lang)
        spacing = leading(lang, 1.2)
        need = line_height(face, lo) + 2
        if h < need:
            y -= {"top": 0.0, "middle": (need - h) / 2, "bottom": need - h}[valign]
            h = need
        if cut:
            units, glue = text_sources.break_units(text, lang), text_sources.joiner(lang)
            while len(units) > 1 and not fits(face, lo, glue.join(units), lang, w, h, lines, spacing):
                units = units[:-1]
            text = glue.join(units).rstrip(",،、，:;")
        return scene.add_text(text, (x, y, w, h), role=role, face=face, max_size=max(int(size), lo), min_size=lo,
                              align=align or self.lead, valign=valign, color=color or self.fg,
                              against=against or [self.bg], max_lines=lines, spacing=spacing)

    def fitting(self, scene, kinds: tuple[str, ...], w: float, size: float) -> str:
        """A text of one of `kinds` that fits one line of width `w` (an e-mail address
        cannot be cut); the last draw when none does."""
        text = ""
        for k in range(6):
            text = scene.text(kinds[min(k // 3, len(kinds) - 1)])
            face = covering(scene, self.face, text)
            if width_of(face, max(int(size), min_px(scene.lang)), text, scene.lang) <= w:
                break
        return text

    def button_width(self, scene, text, h: float, size: float, least: float) -> float:
        """Width of a button whose label fits at `size` beside its padding."""
        face = covering(scene, self.bold, text)
        return max(least, width_of(face, max(int(size), min_px(scene.lang)), text, scene.lang) + h * 0.5 + 4)

    def button(self, scene, text, box, size, style="filled", color=None, radius=None) -> dict:
        """A rounded control with its label centred inside (style: filled, outlined, text)."""
        x, y, w, h = box
        color = color or self.accent
        radius = int(h / 2) if radius is None else radius
        if style == "filled":
            scene.add_shape("rounded_rect", (x, y, x + w, y + h), fill=color, radius=radius)
            ink, under = on(color), color
        else:
            if style == "outlined":
                scene.add_shape("rounded_rect", (x, y, x + w, y + h), outline=color, width=2, radius=radius)
            ink = color if colors.contrast(color, self.bg) >= 4.5 else self.fg
            under = self.bg
        pad = min(h * 0.22, w * 0.1)
        block = self.label(scene, text, (x + pad, y + pad * 0.6, w - 2 * pad, h - 1.2 * pad), "button", size,
                           bold=True, color=ink, against=[under], align="center", cut=False)
        self.buttons.append({"label": rendered(block), "box": [round(v, 1) for v in (x, y, x + w, y + h)],
                             "style": style})
        return block

    def field(self, scene, placeholder, box, size, secret=False) -> None:
        """A text field: outline or filled box with grey placeholder text (dots for a password)."""
        x, y, w, h = box
        if scene.chance(0.5):
            scene.add_shape("rounded_rect", (x, y, x + w, y + h), outline=self.line if not self.dark else self.muted,
                            width=2, radius=int(h * 0.2))
        else:
            scene.add_shape("rounded_rect", (x, y, x + w, y + h), fill=self.surface, radius=int(h * 0.2))
        pad = h * 0.35
        if secret:
            r = h * 0.08
            for k in range(8):
                cx = x + w - pad - k * r * 3.2 if self.rtl else x + pad + k * r * 3.2
                scene.add_shape("ellipse", (cx - r, y + h / 2 - r, cx + r, y + h / 2 + r), fill=self.muted)
            return
        self.label(scene, placeholder, (x + pad, y, w - 2 * pad, h), "placeholder", size, color=self.muted,
                   against=[self.surface, self.bg])

    def status_bar(self, scene, h: float) -> None:
        W = scene.width
        size = h * 0.55
        mx = W * 0.06
        clock = f"{int(scene.rng.integers(1, 13))}:{int(scene.rng.integers(0, 60)):02d}"
        battery = f"{int(scene.rng.integers(5, 101))}%"
        self.label(scene, clock, (self.x(scene, mx, W * 0.25), 0, W * 0.25, h), "time", size, bold=True,
                   align="right" if self.rtl else "left")
        # Battery icon at the outer edge, its percentage beside it.
        bw, bh = h * 0.7, h * 0.36
        bx = self.x(scene, W - mx - bw, bw)
        scene.add_shape("rounded_rect", (bx, h / 2 - bh / 2, bx + bw, h / 2 + bh / 2), outline=self.fg, width=1,
                        radius=2)
        level = int(battery[:-1]) / 100
        fx0 = bx + 2 if not self.rtl else bx + bw - 2 - (bw - 4) * level
        scene.add_shape("rect", (fx0, h / 2 - bh / 2 + 2, fx0 + (bw - 4) * level, h / 2 + bh / 2 - 2), fill=self.fg)
        tw = W * 0.16
        self.label(scene, battery, (self.x(scene, W - mx - bw - tw - h * 0.2, tw), 0, tw, h), "battery", size,
                   align="left" if self.rtl else "right")
        self.battery = battery

    def app_bar(self, scene, y: float, h: float, title: str) -> dict:
        W = scene.width
        filled = scene.chance(0.5)
        if filled:
            scene.add_shape("rect", (0, y, W, y + h), fill=self.accent)
        ink, under = (on(self.accent), self.accent) if filled else (self.fg, self.bg)
        # A back chevron at the leading edge.
        cx, cy, r = self.x(scene, W * 0.07, 0), y + h / 2, h * 0.16
        d = 1 if self.rtl else -1
        scene.add_shape("line", (cx - d * r * 0.5, cy - r, cx + d * r * 0.5, cy, cx - d * r * 0.5, cy + r),
                        fill=ink, width=max(2, int(h * 0.05)))
        centred = scene.chance(0.4)
        tx = W * 0.14
        block = self.label(scene, title, (tx, y, W - 2 * tx, h), "title", h * 0.42, bold=True, color=ink,
                           against=[under], align="center" if centred else self.lead)
        if not filled:
            scene.add_shape("line", (0, y + h, W, y + h), fill=self.line, width=1)
        return block

    def tab_bar(self, scene, h: float) -> None:
        W, H = scene.width, scene.height
        y = H - h
        scene.add_shape("rect", (0, y, W, H), fill=self.surface)
        scene.add_shape("line", (0, y, W, y), fill=self.line, width=1)
        keys = ["home", "search", "notifications", "settings", "help"][: int(scene.rng.integers(3, 6))]
        n = len(keys)
        active = int(scene.rng.integers(n))
        slot = W / n
        for i, key in enumerate(keys):
            cx = W - slot * (i + 0.5) if self.rtl else slot * (i + 0.5)
            color = self.accent if i == active and colors.contrast(self.accent, self.surface) >= 4.5 else (
                self.fg if i == active else self.muted)
            r = h * 0.14
            scene.add_shape("rounded_rect", (cx - r, y + h * 0.14, cx + r, y + h * 0.14 + 2 * r), fill=color,
                            radius=int(r * 0.5))
            try:
                self.label(scene, translate(key, scene.lang), (cx - slot * 0.48, y + h * 0.5, slot * 0.96, h * 0.42),
                           "tab", h * 0.26, color=color, against=[self.surface], align="center")
            except NoFit:  # a long translation in a narrow tab: the icon alone
                pass

    # --- phone ---------------------------------------------------------------------------------
    def phone(self, scene: SceneBuilder) -> None:
        W, H = scene.width, scene.height
        sb = max(min_px(scene.lang) * 1.7, H * 0.04)
        self.status_bar(scene, sb)
        self.base = max(min_px(scene.lang), int(W * scene.uniform(0.038, 0.048)))
        self.m = W * 0.06
        screen = pick(scene, self.forced, ("login", "list", "list", "settings", "product", "dialog"), "phone screen")
        getattr(self, "phone_" + screen)(scene, sb)
        scene.scene = {"layout": f"phone/{screen}"}
        scene.fact("What battery percentage does the status bar show?", "状态栏显示的电量百分比是多少？", self.battery)

    def phone_login(self, scene, top: float) -> None:
        W, H = scene.width, scene.height
        m, base = self.m * 1.4, self.base
        y = top + H * 0.1
        r = W * 0.09
        scene.add_shape("rounded_rect", (W / 2 - r, y, W / 2 + r, y + 2 * r), fill=self.accent, radius=int(r * 0.5))
        y += 2 * r + H * 0.03
        app = scene.text("company", max_chars=20)
        title = self.label(scene, app, (m, y, W - 2 * m, base * 2.2), "title", base * 1.6, bold=True, align="center")
        y += base * 2.2 + H * 0.04
        fh = base * 2.8
        self.field(scene, self.fitting(scene, ("email", "name"), W - 2 * m - fh * 0.7, base), (m, y, W - 2 * m, fh),
                   base)
        y += fh + H * 0.02
        self.field(scene, "", (m, y, W - 2 * m, fh), base, secret=True)
        y += fh + H * 0.045
        main = self.button(scene, translate("sign_in", scene.lang), (m, y, W - 2 * m, fh), base * 1.05,
                           radius=int(fh * scene.choice((0.2, 0.5))))
        y += fh + H * 0.03
        self.button(scene, translate("sign_up", scene.lang), (m, y, W - 2 * m, fh), base, style="text")
        scene.fact("What is the name of the app?", "这个应用叫什么名字？", rendered(title))
        scene.fact("What does the main button say?", "主按钮上写的是什么？", rendered(main))

    def phone_list(self, scene, top: float) -> None:
        W, H = scene.width, scene.height
        base, m = self.base, self.m
        ab = H * 0.075
        title = self.app_bar(scene, top, ab, scene.choice((translate("notifications", scene.lang),
                                                           scene.text("heading", max_chars=20))))
        y = top + ab + H * 0.02
        fh = base * 2.5
        self.field(scene, translate("search", scene.lang), (m, y, W - 2 * m, fh), base)
        y += fh + H * 0.02
        tab = H * 0.085 if scene.chance(0.7) else 0
        row_h = base * scene.uniform(3.6, 4.4)
        kind = scene.choice(("price", "time", "date"))
        rows = []
        while y + row_h <= H - tab - H * 0.01:
            av = row_h * 0.6
            ax = self.x(scene, m, av)
            scene.add_shape("ellipse", (ax, y + (row_h - av) / 2, ax + av, y + (row_h + av) / 2),
                            fill=scene.choice(ACCENTS))
            tx = m + av + base * 0.8
            trail_w = W * 0.26
            name_w = W - tx - m - trail_w
            name = self.label(scene, scene.text(scene.choice(("name", "product", "company")), max_chars=28),
                              (self.x(scene, tx, name_w), y + row_h * 0.08, name_w, row_h * 0.42), "name", base,
                              bold=True, valign="bottom")
            self.label(scene, scene.text("sentence", max_chars=40), (self.x(scene, tx, name_w + trail_w * 0.9),
                       y + row_h * 0.56, name_w + trail_w * 0.9, row_h * 0.36), "caption", base * 0.85,
                       color=self.muted, valign="top")
            trail = scene.text(kind)
            tb = self.label(scene, trail, (self.x(scene, W - m - trail_w, trail_w), y + row_h * 0.08, trail_w,
                            row_h * 0.42), kind, base * 0.9, bold=kind == "price",
                            align="left" if self.rtl else "right", valign="bottom",
                            color=self.fg if kind == "price" else self.muted)
            rows.append((name, tb))
            y += row_h
            scene.add_shape("line", (self.x(scene, tx, W - tx), y, self.x(scene, tx, W - tx) + W - tx, y),
                            fill=self.line, width=1)
        if tab:
            self.tab_bar(scene, tab)
        scene.fact("What is the title of the screen?", "这个界面的标题是什么？", rendered(title))
        if rows:
            name, trail = rows[0]
            scene.fact(f"What is shown next to {rendered(name)}?", f"{rendered(name)}旁边显示的是什么？",
                       rendered(trail))

    def phone_settings(self, scene, top: float) -> None:
        W, H = scene.width, scene.height
        base, m = self.base, self.m
        ab = H * 0.075
        title = self.app_bar(scene, top, ab, translate("settings", scene.lang))
        y = top + ab + H * 0.03
        tab = H * 0.085
        row_h = base * scene.uniform(3.0, 3.6)
        # Groups of rows under small headings, down to a sign-out button above the tab bar.
        bh = base * 2.8
        end = H - tab - bh - H * 0.04
        since_heading = None
        while y + row_h <= end:
            if since_heading is None or (since_heading >= 2 and scene.chance(0.25) and y + row_h * 2 < end):
                self.label(scene, scene.text("heading", max_chars=24), (m, y, W - 2 * m, base * 2), "heading",
                           base * 0.85, color=self.accent if colors.contrast(self.accent, self.bg) >= 4.5
                           else self.muted)
                y += base * 2.2
                since_heading = 0
                continue
            since_heading += 1
            scene.add_shape("rect", (0, y, W, y + row_h), fill=self.surface)
            key = scene.choice(("notifications", "help", "sign_out", "download", "search", None, None, None))
            text = translate(key, scene.lang) if key else scene.text("words", max_chars=24)
            self.label(scene, text, (self.x(scene, m, W * 0.62), y, W * 0.62, row_h), "label", base,
                       against=[self.surface])
            cy = y + row_h / 2
            if scene.chance(0.55):  # a switch: pill track and knob
                tw, th = row_h * 0.9, row_h * 0.48
                tx = self.x(scene, W - m - tw, tw)
                is_on = scene.chance(0.5)
                scene.add_shape("rounded_rect", (tx, cy - th / 2, tx + tw, cy + th / 2),
                                fill=self.accent if is_on else self.line, radius=int(th / 2))
                k = th * 0.4
                kx = (tx + tw - th / 2) if is_on != self.rtl else (tx + th / 2)
                scene.add_shape("ellipse", (kx - k, cy - k, kx + k, cy + k), fill=(255, 255, 255))
            else:  # a chevron to a sub-page
                r = row_h * 0.12
                cx = self.x(scene, W - m - r, r)
                d = -1 if self.rtl else 1
                scene.add_shape("line", (cx - d * r * 0.5, cy - r, cx + d * r * 0.5, cy, cx - d * r * 0.5, cy + r),
                                fill=self.muted, width=2)
            y += row_h + 1
        red = (211, 47, 47) if not self.dark else (239, 83, 80)
        self.button(scene, translate("sign_out", scene.lang), (m, y + H * 0.03, W - 2 * m, bh), base,
                    style=scene.choice(("outlined", "text")), color=red, radius=int(bh * 0.25))
        self.tab_bar(scene, tab)
        scene.fact("What is the title of the screen?", "这个界面的标题是什么？", rendered(title))

    def phone_product(self, scene, top: float) -> None:
        W, H = scene.width, scene.height
        base, m = self.base, self.m
        ab = H * 0.075
        self.app_bar(scene, top, ab, scene.text("company", max_chars=22))
        y = top + ab
        ph = H * scene.uniform(0.26, 0.34)
        tint = tuple(int(c * 0.25 + b * 0.75) for c, b in zip(scene.choice(ACCENTS), self.bg))
        scene.add_shape("rect", (0, y, W, y + ph), fill=tint)
        y += ph + H * 0.025
        name = self.label(scene, scene.text("product", max_chars=36), (m, y, W - 2 * m, base * 3.4), "name",
                          base * 1.35, bold=True, lines=2, valign="top")
        y += base * 3.6
        price = self.label(scene, scene.text("price"), (m, y, W - 2 * m, base * 2.2), "price", base * 1.5,
                           bold=True, color=self.accent if colors.contrast(self.accent, self.bg) >= 4.5 else None)
        y += base * 2.6
        bh = base * 2.8
        desc_h = H - y - bh - H * 0.06
        if desc_h > base * 2.5:
            self.label(scene, scene.text("paragraph"), (m, y, W - 2 * m, desc_h), "body", base * 0.95,
                       color=self.muted, valign="top", lines=max(1, int(desc_h / (base * 1.6))))
        by = H - bh - H * 0.035
        half = (W - 2 * m - base) / 2
        main = self.button(scene, translate("add_to_cart", scene.lang),
                           (self.x(scene, m + half + base, half), by, half, bh), base, radius=int(bh * 0.25))
        self.button(scene, translate("share", scene.lang), (self.x(scene, m, half), by, half, bh), base,
                    style="outlined", radius=int(bh * 0.25))
        scene.fact("What is the price of the product?", "这个商品的价格是多少？", rendered(price))
        scene.fact("What is the name of the product?", "这个商品叫什么名字？", rendered(name))
        scene.fact("What does the main button say?", "主按钮上写的是什么？", rendered(main))

    def phone_dialog(self, scene, top: float) -> None:
        W, H = scene.width, scene.height
        base = self.base
        # The screen behind is dimmed and blank: text under the card would be drawn over it.
        scrim = tuple(int(c * 0.45) for c in self.bg) if not self.dark else (8, 8, 8)
        scene.add_shape("rect", (0, top, W, H), fill=scrim)
        cw = W * 0.84
        ch = H * scene.uniform(0.3, 0.38)
        cx, cy = (W - cw) / 2, H * scene.uniform(0.3, 0.38)
        card = self.surface if self.dark else (255, 255, 255)
        scene.add_shape("rounded_rect", (cx, cy, cx + cw, cy + ch), fill=card, radius=int(base * 1.2))
        pad = cw * 0.08
        key = scene.choice(("delete", "sign_out", "save", "download"))
        title = self.label(scene, translate(key, scene.lang), (cx + pad, cy + pad, cw - 2 * pad, base * 2.2), "title",
                           base * 1.3, bold=True, against=[card])
        bh = base * 2.6
        msg_h = ch - 2 * pad - base * 2.6 - bh - base
        self.label(scene, scene.text("sentence", max_chars=90), (cx + pad, cy + pad + base * 2.6, cw - 2 * pad, msg_h),
                   "body", base, color=self.muted, against=[card], valign="top",
                   lines=max(1, int(msg_h / (base * 1.5))))
        bw = (cw - 2 * pad - base) / 2
        by = cy + ch - pad - bh
        ok = self.button(scene, translate("confirm", scene.lang), (self.x(scene, cx + pad + bw + base, bw), by, bw, bh),
                         base, radius=int(bh * 0.3))
        self.button(scene, translate("cancel", scene.lang), (self.x(scene, cx + pad, bw), by, bw, bh), base,
                    style="text")
        scene.fact("What is the title of the dialog?", "对话框的标题是什么？", rendered(title))
        scene.fact("What does the highlighted button say?", "突出显示的按钮上写的是什么？", rendered(ok))

    # --- desktop ---------------------------------------------------------------------------------
    def desktop(self, scene: SceneBuilder, chrome: bool) -> None:
        W, H = scene.width, scene.height
        self.base = max(min_px(scene.lang), int(H * scene.uniform(0.028, 0.036)))
        base = self.base
        y = 0.0
        site = scene.text("company", max_chars=18)
        if chrome:
            y = self.browser(scene, site)
        nav_h = base * 3.2
        scene.add_shape("rect", (0, y, W, y + nav_h), fill=self.surface)
        scene.add_shape("line", (0, y + nav_h, W, y + nav_h), fill=self.line, width=1)
        m = W * 0.04
        logo = self.label(scene, site, (self.x(scene, m, W * 0.3), y, W * 0.3, nav_h), "brand", base * 1.3, bold=True,
                          against=[self.surface])
        action = translate(scene.choice(("sign_in", "sign_up")), scene.lang)
        bw = self.button_width(scene, action, nav_h * 0.64, base * 0.9, base * 6)
        if bw > W * 0.3:
            raise NoFit(f"{action!r} is too long for a navigation button")
        self.button(scene, action, (self.x(scene, W - m - bw, bw), y + nav_h * 0.18, bw, nav_h * 0.64), base * 0.9,
                    radius=int(nav_h * 0.15))
        links_w = W - 2 * m - W * 0.3 - bw - base * 2
        n = int(scene.rng.integers(2, 5))
        slot = links_w / n
        links = [phrase(scene.rng, scene.lang, "ui") if scene.chance(0.6) else scene.text("heading", max_chars=14)
                 for _ in range(n)]
        # One size for every link (the largest all fit at); links too long even at the
        # smallest legible size are left out.
        face = covering(scene, self.face, " ".join(links))
        size = next((s for s in range(max(min_px(scene.lang), int(base * 0.9)), min_px(scene.lang) - 1, -1)
                     if all(fits(face, s, t, scene.lang, slot * 0.94, nav_h, 1) for t in links)), min_px(scene.lang))
        for i, text in enumerate(links):
            lx = m + W * 0.3 + base + i * slot
            if fits(face, size, text, scene.lang, slot * 0.94, nav_h, 1):
                scene.add_text(text, (self.x(scene, lx, slot), y, slot * 0.94, nav_h), role="link", face=face,
                               max_size=size, min_size=size, align="center", valign="middle", max_lines=1,
                               color=self.fg, against=[self.surface])
        y += nav_h
        page = pick(scene, self.forced, ("hero", "dashboard", "form"), "desktop page")
        getattr(self, "desktop_" + page)(scene, y)
        scene.scene = {"layout": f"desktop/{page}" + ("/browser" if chrome else "")}
        scene.fact("What is the name of the website?", "这个网站叫什么名字？", rendered(logo))

    def browser(self, scene, title: str) -> float:
        """Browser chrome: window dots, a tab with the page title, the address bar."""
        W = scene.width
        base = self.base
        frame = (222, 225, 230) if not self.dark else (40, 42, 46)
        ink = (30, 30, 30) if not self.dark else (230, 230, 230)
        h1, h2 = base * 2.4, base * 2.6
        scene.add_shape("rect", (0, 0, W, h1 + h2), fill=frame)
        for k, c in enumerate(((237, 106, 94), (245, 191, 79), (98, 197, 84))):
            r = base * 0.32
            cx = self.x(scene, base * (1 + k * 1.1), 0)
            scene.add_shape("ellipse", (cx - r, h1 / 2 - r, cx + r, h1 / 2 + r), fill=c)
        tab_w = W * 0.22
        tx = self.x(scene, base * 5, tab_w)
        scene.add_shape("rounded_rect", (tx, h1 * 0.18, tx + tab_w, h1 + 4), fill=self.surface, radius=int(base * 0.5))
        self.label(scene, title, (tx + base * 0.6, h1 * 0.18, tab_w - base * 1.2, h1 * 0.82), "tab", base * 0.85,
                   color=self.fg, against=[self.surface])
        scene.add_shape("rect", (0, h1, W, h1 + h2), fill=self.surface)
        bar = (W * 0.08, h1 + h2 * 0.15, W * 0.84, h2 * 0.7)
        scene.add_shape("rounded_rect", (bar[0], bar[1], bar[0] + bar[2], bar[1] + bar[3]), fill=frame,
                        radius=int(bar[3] / 2))
        url = scene.text("url", max_chars=50)
        # URLs read left to right even on Arabic screens.
        scene.add_text(url, (bar[0] + base, bar[1], bar[2] - 2 * base, bar[3]), role="url",
                       face=covering(scene, self.face, url), max_size=max(min_px(scene.lang), int(base * 0.9)),
                       min_size=min_px(scene.lang), valign="middle", max_lines=1, color=ink, against=[frame],
                       align="right" if self.rtl else "left")
        self.url = url
        return h1 + h2

    def desktop_hero(self, scene, top: float) -> None:
        W, H = scene.width, scene.height
        base, m = self.base, W * 0.07
        split = W * scene.uniform(0.5, 0.6)
        y = top + (H - top) * 0.14
        head = self.label(scene, scene.text(scene.choice(("slogan", "title")), max_chars=50),
                          (self.x(scene, m, split - m), y, split - m, (H - top) * 0.3), "headline", base * 2.6,
                          bold=True, lines=3, valign="bottom")
        y += (H - top) * 0.33
        self.label(scene, scene.text("sentence", max_chars=110), (self.x(scene, m, split - m), y, split - m,
                   (H - top) * 0.2), "body", base * 1.1, color=self.muted, lines=3, valign="top")
        y += (H - top) * 0.24
        bh = base * 2.8
        first = translate(scene.choice(("sign_up", "download", "next")), scene.lang)
        second = translate(scene.choice(("help", "share", "search")), scene.lang)
        bw = max(self.button_width(scene, t, bh, base, base * 8) for t in (first, second))
        bw = min(bw, (split - m - base) / 2)
        radius = int(bh * scene.choice((0.15, 0.5)))
        main = self.button(scene, first, (self.x(scene, m, bw), y, bw, bh), base, radius=radius)
        self.button(scene, second, (self.x(scene, m + bw + base, bw), y, bw, bh), base, style="outlined",
                    radius=radius)
        # A picture area on the other side.
        px, pw = split + W * 0.04, W - split - W * 0.04 - m
        tint = tuple(int(c * 0.3 + b * 0.7) for c, b in zip(self.accent, self.bg))
        py = top + (H - top) * 0.12
        scene.add_shape("rounded_rect", (self.x(scene, px, pw), py, self.x(scene, px, pw) + pw, H - (H - top) * 0.12),
                        fill=tint, radius=int(base))
        scene.fact("What is the headline of the page?", "页面的主标题是什么？", rendered(head))
        scene.fact("What does the main button say?", "主按钮上写的是什么？", rendered(main))

    def desktop_dashboard(self, scene, top: float) -> None:
        W, H = scene.width, scene.height
        base = self.base
        side = W * scene.uniform(0.2, 0.24)
        sx = self.x(scene, 0, side)
        scene.add_shape("rect", (sx, top, sx + side, H), fill=self.surface)
        y = top + base
        active = int(scene.rng.integers(4))
        for i, key in enumerate(("home", "notifications", "settings", "help")):
            ih = base * 2.4
            if i == active:
                scene.add_shape("rounded_rect", (sx + base * 0.4, y, sx + side - base * 0.4, y + ih),
                                fill=self.accent, radius=int(base * 0.4))
            under = self.accent if i == active else self.surface
            try:
                self.label(scene, translate(key, scene.lang), (sx + base, y, side - 1.6 * base, ih), "menu", base,
                           color=on(self.accent) if i == active else self.fg, against=[under])
            except NoFit:
                pass
            y += ih + base * 0.4
        cx0 = base * 1.5 if self.rtl else side + base * 1.5
        cw_all = W - side - base * 3
        y = top + base * 1.2
        title = self.label(scene, scene.text("heading", max_chars=30), (cx0, y, cw_all, base * 2.4), "title",
                           base * 1.6, bold=True)
        y += base * 3.2
        # Stat cards: a caption and a big number.
        n = 3
        gap = base
        cw = (cw_all - gap * (n - 1)) / n
        ch = base * 5
        stats = []
        for i in range(n):
            x = cx0 + (n - 1 - i) * (cw + gap) if self.rtl else cx0 + i * (cw + gap)
            scene.add_shape("rounded_rect", (x, y, x + cw, y + ch), fill=self.surface, radius=int(base * 0.6))
            self.label(scene, scene.text("heading", max_chars=18), (x + base, y + base * 0.5, cw - 2 * base,
                       base * 1.6), "label", base * 0.85, color=self.muted, against=[self.surface])
            value = scene.text(scene.choice(("price", "number_unit")))
            stats.append(self.label(scene, value, (x + base, y + base * 2.2, cw - 2 * base, base * 2.4), "value",
                                    base * 1.7, bold=True, against=[self.surface]))
        y += ch + base * 1.5
        # A table: header and rows until the screen ends.
        cols = ("name", "date", "price")
        widths = (0.45, 0.3, 0.25)
        row_h = base * 2.3
        for r in range(30):
            if y + row_h > H - base:
                break
            x = cx0
            for kind, fw in zip(cols, widths):
                w = cw_all * fw
                bx = cx0 + cw_all - (x - cx0) - w if self.rtl else x
                text = scene.text("heading", max_chars=14) if r == 0 else scene.text(kind, max_chars=28)
                align = ("left" if self.rtl else "right") if kind == "price" else self.lead
                try:
                    self.label(scene, text, (bx + base * 0.3, y, w - base * 0.6, row_h), "cell", base * 0.9,
                               bold=r == 0, color=self.muted if r == 0 else self.fg, align=align)
                except NoFit:
                    pass
                x += w
            y += row_h
            scene.add_shape("line", (cx0, y, cx0 + cw_all, y), fill=self.line, width=1)
        scene.fact("What is the title of the dashboard?", "仪表盘的标题是什么？", rendered(title))
        scene.fact("What value does the first card show?", "第一张卡片显示的数值是多少？", rendered(stats[0]))

    def desktop_form(self, scene, top: float) -> None:
        W, H = scene.width, scene.height
        base = self.base
        cw = min(W * 0.42, base * 26)
        ch = (H - top) * 0.84
        cx, cy = (W - cw) / 2, top + (H - top - ch) / 2
        card = self.surface if self.dark else (255, 255, 255)
        if not self.dark:  # a white card stands out on a grey page, with a soft shadow
            scene.add_shape("rect", (0, top + 1, W, H), fill=(236, 238, 242))
            scene.add_shape("rounded_rect", (cx + 3, cy + 4, cx + cw + 3, cy + ch + 4), fill=self.line,
                            radius=int(base))
        scene.add_shape("rounded_rect", (cx, cy, cx + cw, cy + ch), fill=card, radius=int(base))
        pad = cw * 0.09
        y = cy + pad * 0.8
        key = scene.choice(("sign_in", "sign_up"))
        title = self.label(scene, translate(key, scene.lang), (cx + pad, y, cw - 2 * pad, base * 2.6), "title",
                           base * 1.7, bold=True, against=[card], align="center")
        y += base * 3.4
        fh = base * 2.5
        fields = int(min(3, (cy + ch - y - fh * 2.5) // (fh * 2.1)))
        for i in range(max(1, fields)):
            self.label(scene, scene.text("heading", max_chars=20), (cx + pad, y, cw - 2 * pad, base * 1.5), "label",
                       base * 0.85, against=[card])
            y += base * 1.6
            kinds = (("email", "name"), ("name",), ("phone",))[i % 3]
            self.field(scene, self.fitting(scene, kinds, cw - 2 * pad - fh * 0.7, base * 0.95),
                       (cx + pad, y, cw - 2 * pad, fh), base * 0.95)
            y += fh + base * 0.7
        y += base * 0.5
        main = self.button(scene, translate(key, scene.lang), (cx + pad, y, cw - 2 * pad, fh * 1.05), base,
                           radius=int(fh * 0.2))
        scene.fact("What is the title of the form?", "表单的标题是什么？", rendered(title))
        scene.fact("What does the button under the form say?", "表单下方的按钮上写的是什么？", rendered(main))
