"""Data sets for the charts: realistic topics (fruits, cities, months, products ...) with
small integer or one-decimal values, drawn from the rng.

Values are kept as exact sympy Rationals (tenths at most) while computing, and written
to JSON as ints (integer topics) or one-decimal floats (decimal topics): a verifier gets
the exact value back with `Fraction(str(v))`.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import sympy as sp

MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
YEARS = tuple(str(y) for y in range(2012, 2025))
FRUITS = ("Apples", "Bananas", "Cherries", "Grapes", "Kiwis", "Lemons", "Mangoes", "Oranges", "Pears", "Plums")
CITIES = ("Cairo", "Delhi", "Lima", "Madrid", "Nairobi", "Oslo", "Paris", "Seoul", "Sydney", "Tokyo", "Toronto")
PRODUCTS = ("Laptops", "Phones", "Tablets", "Monitors", "Printers", "Cameras", "Speakers", "Keyboards")
SPORTS = ("Football", "Tennis", "Swimming", "Cycling", "Running", "Basketball", "Volleyball", "Chess")
TRANSPORT = ("Walk", "Bus", "Bike", "Car", "Train", "Tram")


@dataclass(frozen=True)
class Topic:
    """One kind of data set: what is counted, over which categories, in which range."""

    title: str  # "Fruit sold at a market stall"
    title_zh: str
    x_label: str  # the category axis ("Fruit")
    y_label: str  # the value axis, with its unit ("Boxes sold")
    categories: tuple[str, ...]
    ordered: bool  # months, days, years: take a consecutive run, keep the order
    low: float  # value range (inclusive)
    high: float
    decimals: int  # 0: integers, 1: one decimal place
    groups: tuple[str, str] = ("2023", "2024")  # series names of a grouped chart


# Category charts (bar charts, the edit and the question).
BAR_TOPICS = (
    Topic("Fruit sold at a market stall", "水果摊的水果销量", "Fruit", "Boxes sold", FRUITS, False, 4, 40, 0),
    Topic("Average July temperature", "各城市七月平均气温", "City", "Temperature (°C)", CITIES, False, 12, 34, 1,
          ("2022", "2023")),
    Topic("Units sold per product", "各产品销量", "Product", "Units sold", PRODUCTS, False, 10, 90, 0,
          ("Store A", "Store B")),
    Topic("Monthly rainfall", "每月降雨量", "Month", "Rainfall (cm)", MONTHS, True, 1, 15, 1),
    Topic("Library visitors per day", "图书馆每日访客数", "Day", "Visitors", WEEKDAYS, True, 20, 95, 0,
          ("Week 1", "Week 2")),
    Topic("Club members per sport", "各运动社团人数", "Sport", "Members", SPORTS, False, 6, 45, 0,
          ("Boys", "Girls")),
)

# Time series (line charts): the categories are points in time.
LINE_TOPICS = (
    Topic("Monthly sales of a bookshop", "书店每月销售额", "Month", "Sales (thousand dollars)", MONTHS, True,
          10, 60, 0),
    Topic("Average monthly temperature", "月平均气温", "Month", "Temperature (°C)", MONTHS, True, -5, 30, 1),
    Topic("Website visitors per year", "网站每年访客数", "Year", "Visitors (millions)", YEARS, True, 1, 20, 1),
    Topic("Population of a town", "小镇人口", "Year", "Population (thousands)", YEARS, True, 20, 80, 0),
    Topic("Daily orders at a café", "咖啡馆每日订单数", "Day", "Orders", WEEKDAYS, True, 40, 160, 0),
)

# Shares of a whole (pie charts): counts of people choosing each category.
PIE_TOPICS = (
    Topic("Favourite fruit of a class", "班级最喜欢的水果", "Fruit", "Students", FRUITS, False, 2, 14, 0),
    Topic("How students travel to school", "学生上学的交通方式", "Transport", "Students", TRANSPORT, False, 3, 30, 0),
    Topic("Favourite sport in a survey", "调查中最喜欢的运动", "Sport", "People", SPORTS, False, 3, 25, 0),
    Topic("Products sold in one day", "一天内售出的产品", "Product", "Units", PRODUCTS, False, 2, 20, 0),
)


@dataclass(frozen=True)
class PairTopic:
    """Two measured quantities per item, roughly linear (scatter plots)."""

    title: str
    title_zh: str
    x_label: str
    y_label: str
    x_low: int
    x_high: int
    slope: tuple[float, float]  # range of the true slope
    intercept: tuple[float, float]
    noise: float  # standard deviation of the scatter around the line
    decimals: int  # of y


PAIR_TOPICS = (
    PairTopic("Hours studied vs exam score", "学习时长与考试成绩", "Hours studied", "Exam score", 1, 12,
              (3.0, 6.0), (35.0, 50.0), 5.0, 0),
    PairTopic("Temperature vs ice creams sold", "气温与冰淇淋销量", "Temperature (°C)", "Ice creams sold", 14, 34,
              (2.0, 5.0), (-20.0, 10.0), 8.0, 0),
    PairTopic("Advertising vs sales", "广告投入与销售额", "Advertising (thousand dollars)",
              "Sales (thousand dollars)", 1, 15, (0.8, 2.5), (5.0, 15.0), 2.0, 1),
    PairTopic("Age of a car vs its price", "车龄与二手车价格", "Age (years)", "Price (thousand dollars)", 1, 14,
              (-2.2, -0.8), (24.0, 32.0), 1.8, 1),
    PairTopic("Arm span vs height", "臂展与身高", "Arm span (cm)", "Height (cm)", 140, 190,
              (0.8, 1.1), (0.0, 25.0), 3.0, 0),
)


@dataclass(frozen=True)
class SampleTopic:
    """A measured quantity for a histogram: bins of width `bin_width` starting at `start`."""

    title: str
    title_zh: str
    x_label: str
    start: int
    bin_width: int
    bins: tuple[int, int]  # range of the number of bins
    spread: float  # standard deviation, in bin widths


SAMPLE_TOPICS = (
    SampleTopic("Test scores of a class", "班级考试成绩", "Score", 40, 10, (5, 6), 1.1),
    SampleTopic("Heights of students", "学生身高", "Height (cm)", 145, 5, (6, 8), 1.4),
    SampleTopic("Commute times", "通勤时间", "Minutes", 0, 10, (5, 7), 1.2),
    SampleTopic("Daily high temperatures", "每日最高气温", "Temperature (°C)", 10, 4, (5, 7), 1.3),
    SampleTopic("Weights of apples", "苹果重量", "Weight (g)", 120, 20, (5, 6), 1.1),
)


def pick(rng: np.random.Generator, items: tuple):
    return items[int(rng.integers(len(items)))]


def categories(rng: np.random.Generator, topic: Topic, n: int) -> list[str]:
    """n categories: a consecutive run for ordered topics, else a random subset in list order."""
    pool = topic.categories
    n = min(n, len(pool))
    if topic.ordered:
        start = int(rng.integers(len(pool) - n + 1))
        return list(pool[start:start + n])
    chosen = sorted(int(i) for i in rng.choice(len(pool), size=n, replace=False))
    return [pool[i] for i in chosen]


def values(rng: np.random.Generator, low: float, high: float, decimals: int, n: int) -> list[sp.Rational]:
    """n values uniform on [low, high] in steps of 10^-decimals, as exact Rationals."""
    scale = 10 ** decimals
    ks = rng.integers(int(round(low * scale)), int(round(high * scale)) + 1, size=n)
    return [sp.Rational(int(k), scale) for k in ks]


def to_json(value: sp.Rational, decimals: int) -> int | float:
    """An int for integer data, a one-decimal float for decimal data (repr round-trips)."""
    return int(value) if decimals == 0 else round(float(value), decimals)


def show(value: sp.Rational, decimals: int) -> str:
    """A data value as it is labelled on the chart: '12', '7.0', '-3.5'."""
    return f"{float(value):.{decimals}f}"


def approx(value: sp.Expr, places: int = 2) -> tuple[str, str]:
    """('=', '12.5') when `value` has at most `places` decimals, else ('≈', '12.33')."""
    scaled = sp.sympify(value) * 10 ** places
    exact = scaled.is_Integer
    text = f"{float(value):.{places}f}"
    if exact and "." in text:
        text = text.rstrip("0").rstrip(".")
    if text == "-0":
        text = "0"
    return ("=" if exact else "≈"), text


def rounded(value: sp.Expr) -> float:
    """The float of an exact value, rounded to 6 places (the answer's numeric form)."""
    return round(float(value), 6)
