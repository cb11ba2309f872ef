"""Short phrases of signs, shop windows, UI screens, receipts, labels, cards and menus,
translated into every language of `languages.LANGUAGES`.

Templates use them for button labels, receipt headers and sign texts; the "translate a line"
edit swaps a phrase for the same phrase in another language. Translations are what a real
sign/label/UI in that language says (e.g. "Push" on a Japanese door is 押す, "Best before"
on a Korean label is 유통기한), not word-for-word renderings.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

import numpy as np

from synthesis.text_rendering.text.languages import LANGUAGES, language

# Column order of every row below.
_ORDER = ("en", "de", "fr", "es", "it", "pt", "vi", "ru", "uk", "el", "zh", "ja", "ko", "ar", "hi")

# category -> key -> one translation per language, in _ORDER.
_TABLE: dict[str, dict[str, tuple[str, ...]]] = {
    "sign": {
        "open": ("Open", "Geöffnet", "Ouvert", "Abierto", "Aperto", "Aberto", "Mở cửa", "Открыто", "Відчинено", "Ανοιχτό", "营业中", "営業中", "영업 중", "مفتوح", "खुला है"),
        "closed": ("Closed", "Geschlossen", "Fermé", "Cerrado", "Chiuso", "Fechado", "Đóng cửa", "Закрыто", "Зачинено", "Κλειστό", "已打烊", "閉店", "영업 종료", "مغلق", "बंद है"),
        "exit": ("Exit", "Ausgang", "Sortie", "Salida", "Uscita", "Saída", "Lối ra", "Выход", "Вихід", "Έξοδος", "出口", "出口", "출구", "خروج", "निकास"),
        "entrance": ("Entrance", "Eingang", "Entrée", "Entrada", "Ingresso", "Entrada", "Lối vào", "Вход", "Вхід", "Είσοδος", "入口", "入口", "입구", "مدخل", "प्रवेश"),
        "push": ("Push", "Drücken", "Poussez", "Empujar", "Spingere", "Empurre", "Đẩy", "От себя", "Від себе", "Ωθήστε", "推", "押す", "미세요", "ادفع", "धक्का दें"),
        "pull": ("Pull", "Ziehen", "Tirez", "Tirar", "Tirare", "Puxe", "Kéo", "На себя", "До себе", "Τραβήξτε", "拉", "引く", "당기세요", "اسحب", "खींचें"),
        "no_parking": ("No parking", "Parken verboten", "Stationnement interdit", "Prohibido aparcar", "Divieto di sosta", "Proibido estacionar", "Cấm đỗ xe", "Парковка запрещена", "Паркування заборонено", "Απαγορεύεται η στάθμευση", "禁止停车", "駐車禁止", "주차 금지", "ممنوع الوقوف", "पार्किंग निषेध"),
        "no_smoking": ("No smoking", "Rauchen verboten", "Défense de fumer", "Prohibido fumar", "Vietato fumare", "Proibido fumar", "Cấm hút thuốc", "Не курить", "Не палити", "Απαγορεύεται το κάπνισμα", "禁止吸烟", "禁煙", "금연", "ممنوع التدخين", "धूम्रपान निषेध"),
        "no_entry": ("No entry", "Zutritt verboten", "Accès interdit", "Prohibido el paso", "Vietato l'accesso", "Entrada proibida", "Cấm vào", "Вход воспрещён", "Вхід заборонено", "Απαγορεύεται η είσοδος", "禁止入内", "立入禁止", "출입 금지", "ممنوع الدخول", "प्रवेश निषेध"),
        "restrooms": ("Restrooms", "Toiletten", "Toilettes", "Aseos", "Bagni", "Banheiros", "Nhà vệ sinh", "Туалет", "Туалет", "Τουαλέτες", "洗手间", "お手洗い", "화장실", "دورات المياه", "शौचालय"),
        "emergency_exit": ("Emergency exit", "Notausgang", "Sortie de secours", "Salida de emergencia", "Uscita di emergenza", "Saída de emergência", "Lối thoát hiểm", "Запасный выход", "Запасний вихід", "Έξοδος κινδύνου", "安全出口", "非常口", "비상구", "مخرج الطوارئ", "आपातकालीन निकास"),
        "wet_floor": ("Wet floor", "Vorsicht Rutschgefahr", "Sol glissant", "Suelo mojado", "Pavimento bagnato", "Piso molhado", "Sàn ướt", "Осторожно, мокрый пол", "Обережно, мокра підлога", "Προσοχή, βρεγμένο δάπεδο", "小心地滑", "床が濡れています", "미끄럼 주의", "الأرضية مبللة", "फर्श गीला है"),
        "staff_only": ("Staff only", "Nur für Personal", "Réservé au personnel", "Solo personal autorizado", "Solo personale autorizzato", "Apenas funcionários", "Chỉ dành cho nhân viên", "Только для персонала", "Тільки для персоналу", "Μόνο για το προσωπικό", "员工专用", "関係者以外立入禁止", "직원 전용", "للموظفين فقط", "केवल कर्मचारियों के लिए"),
        "welcome": ("Welcome", "Willkommen", "Bienvenue", "Bienvenidos", "Benvenuti", "Bem-vindo", "Chào mừng", "Добро пожаловать", "Ласкаво просимо", "Καλώς ήρθατε", "欢迎光临", "いらっしゃいませ", "환영합니다", "أهلاً وسهلاً", "स्वागत है"),
        "information": ("Information", "Information", "Renseignements", "Información", "Informazioni", "Informações", "Quầy thông tin", "Справочная", "Довідкова", "Πληροφορίες", "问讯处", "案内所", "안내", "استعلامات", "पूछताछ"),
    },
    "shop": {
        "sale": ("Sale", "Ausverkauf", "Soldes", "Rebajas", "Saldi", "Promoção", "Giảm giá", "Распродажа", "Розпродаж", "Εκπτώσεις", "特卖", "セール", "세일", "تخفيضات", "सेल"),
        "new": ("New", "Neu", "Nouveau", "Nuevo", "Novità", "Novidade", "Mới", "Новинка", "Новинка", "Νέο", "新品", "新発売", "신상품", "جديد", "नया"),
        "special_offer": ("Special offer", "Sonderangebot", "Offre spéciale", "Oferta especial", "Offerta speciale", "Oferta especial", "Ưu đãi đặc biệt", "Специальное предложение", "Спеціальна пропозиція", "Ειδική προσφορά", "特价优惠", "特別価格", "특별 할인", "عرض خاص", "विशेष ऑफ़र"),
        "fresh_bread": ("Fresh bread", "Frisches Brot", "Pain frais", "Pan recién hecho", "Pane fresco", "Pão fresquinho", "Bánh mì tươi", "Свежий хлеб", "Свіжий хліб", "Φρέσκο ψωμί", "新鲜面包", "焼きたてパン", "갓 구운 빵", "خبز طازج", "ताज़ी ब्रेड"),
        "today_only": ("Today only", "Nur heute", "Aujourd'hui seulement", "Solo hoy", "Solo oggi", "Só hoje", "Chỉ hôm nay", "Только сегодня", "Тільки сьогодні", "Μόνο σήμερα", "仅限今日", "本日限り", "오늘만", "اليوم فقط", "केवल आज"),
        "free_delivery": ("Free delivery", "Kostenlose Lieferung", "Livraison gratuite", "Envío gratis", "Consegna gratuita", "Frete grátis", "Miễn phí giao hàng", "Бесплатная доставка", "Безкоштовна доставка", "Δωρεάν αποστολή", "免费送货", "送料無料", "무료 배송", "توصيل مجاني", "मुफ़्त डिलीवरी"),
        "best_seller": ("Best seller", "Bestseller", "Meilleure vente", "Más vendido", "Più venduto", "Mais vendido", "Bán chạy nhất", "Хит продаж", "Хіт продажу", "Πρώτο σε πωλήσεις", "热销", "売れ筋", "베스트셀러", "الأكثر مبيعاً", "सबसे ज़्यादा बिकने वाला"),
        "half_price": ("Half price", "Halber Preis", "Moitié prix", "Mitad de precio", "Metà prezzo", "Metade do preço", "Giảm nửa giá", "Полцены", "Півціни", "Μισή τιμή", "半价", "半額", "반값", "نصف السعر", "आधी कीमत"),
        "opening_hours": ("Opening hours", "Öffnungszeiten", "Horaires d'ouverture", "Horario de apertura", "Orari di apertura", "Horário de funcionamento", "Giờ mở cửa", "Часы работы", "Години роботи", "Ωράριο λειτουργίας", "营业时间", "営業時間", "영업시간", "ساعات العمل", "खुलने का समय"),
        "limited_edition": ("Limited edition", "Limitierte Auflage", "Édition limitée", "Edición limitada", "Edizione limitata", "Edição limitada", "Phiên bản giới hạn", "Ограниченная серия", "Обмежена серія", "Περιορισμένη έκδοση", "限量版", "限定版", "한정판", "إصدار محدود", "सीमित संस्करण"),
    },
    "ui": {
        "sign_in": ("Sign in", "Anmelden", "Se connecter", "Iniciar sesión", "Accedi", "Entrar", "Đăng nhập", "Войти", "Увійти", "Σύνδεση", "登录", "ログイン", "로그인", "تسجيل الدخول", "साइन इन करें"),
        "sign_out": ("Sign out", "Abmelden", "Se déconnecter", "Cerrar sesión", "Esci", "Sair", "Đăng xuất", "Выйти", "Вийти", "Αποσύνδεση", "退出登录", "ログアウト", "로그아웃", "تسجيل الخروج", "साइन आउट करें"),
        "sign_up": ("Sign up", "Registrieren", "S'inscrire", "Registrarse", "Registrati", "Cadastre-se", "Đăng ký", "Зарегистрироваться", "Зареєструватися", "Εγγραφή", "注册", "新規登録", "회원가입", "إنشاء حساب", "साइन अप करें"),
        "settings": ("Settings", "Einstellungen", "Paramètres", "Configuración", "Impostazioni", "Configurações", "Cài đặt", "Настройки", "Налаштування", "Ρυθμίσεις", "设置", "設定", "설정", "الإعدادات", "सेटिंग्स"),
        "search": ("Search", "Suchen", "Rechercher", "Buscar", "Cerca", "Pesquisar", "Tìm kiếm", "Поиск", "Пошук", "Αναζήτηση", "搜索", "検索", "검색", "بحث", "खोजें"),
        "cancel": ("Cancel", "Abbrechen", "Annuler", "Cancelar", "Annulla", "Cancelar", "Hủy", "Отмена", "Скасувати", "Ακύρωση", "取消", "キャンセル", "취소", "إلغاء", "रद्द करें"),
        "confirm": ("Confirm", "Bestätigen", "Confirmer", "Confirmar", "Conferma", "Confirmar", "Xác nhận", "Подтвердить", "Підтвердити", "Επιβεβαίωση", "确认", "確認", "확인", "تأكيد", "पुष्टि करें"),
        "save": ("Save", "Speichern", "Enregistrer", "Guardar", "Salva", "Salvar", "Lưu", "Сохранить", "Зберегти", "Αποθήκευση", "保存", "保存", "저장", "حفظ", "सहेजें"),
        "delete": ("Delete", "Löschen", "Supprimer", "Eliminar", "Elimina", "Excluir", "Xóa", "Удалить", "Видалити", "Διαγραφή", "删除", "削除", "삭제", "حذف", "हटाएँ"),
        "edit": ("Edit", "Bearbeiten", "Modifier", "Editar", "Modifica", "Editar", "Chỉnh sửa", "Изменить", "Редагувати", "Επεξεργασία", "编辑", "編集", "편집", "تعديل", "संपादित करें"),
        "next": ("Next", "Weiter", "Suivant", "Siguiente", "Avanti", "Próximo", "Tiếp theo", "Далее", "Далі", "Επόμενο", "下一步", "次へ", "다음", "التالي", "आगे"),
        "back": ("Back", "Zurück", "Retour", "Atrás", "Indietro", "Voltar", "Quay lại", "Назад", "Назад", "Πίσω", "返回", "戻る", "뒤로", "رجوع", "वापस"),
        "add_to_cart": ("Add to cart", "In den Warenkorb", "Ajouter au panier", "Añadir al carrito", "Aggiungi al carrello", "Adicionar ao carrinho", "Thêm vào giỏ hàng", "Добавить в корзину", "Додати в кошик", "Προσθήκη στο καλάθι", "加入购物车", "カートに入れる", "장바구니에 담기", "أضف إلى السلة", "कार्ट में जोड़ें"),
        "download": ("Download", "Herunterladen", "Télécharger", "Descargar", "Scarica", "Baixar", "Tải xuống", "Скачать", "Завантажити", "Λήψη", "下载", "ダウンロード", "다운로드", "تنزيل", "डाउनलोड करें"),
        "share": ("Share", "Teilen", "Partager", "Compartir", "Condividi", "Compartilhar", "Chia sẻ", "Поделиться", "Поділитися", "Κοινοποίηση", "分享", "共有", "공유", "مشاركة", "शेयर करें"),
        "help": ("Help", "Hilfe", "Aide", "Ayuda", "Aiuto", "Ajuda", "Trợ giúp", "Помощь", "Допомога", "Βοήθεια", "帮助", "ヘルプ", "도움말", "مساعدة", "सहायता"),
        "home": ("Home", "Startseite", "Accueil", "Inicio", "Home", "Início", "Trang chủ", "Главная", "Головна", "Αρχική", "首页", "ホーム", "홈", "الرئيسية", "होम"),
        "notifications": ("Notifications", "Benachrichtigungen", "Notifications", "Notificaciones", "Notifiche", "Notificações", "Thông báo", "Уведомления", "Сповіщення", "Ειδοποιήσεις", "通知", "通知", "알림", "الإشعارات", "सूचनाएँ"),
    },
    "receipt": {
        "total": ("Total", "Summe", "Total", "Total", "Totale", "Total", "Tổng cộng", "Итого", "Разом", "Σύνολο", "合计", "合計", "합계", "المجموع", "कुल"),
        "subtotal": ("Subtotal", "Zwischensumme", "Sous-total", "Subtotal", "Subtotale", "Subtotal", "Tạm tính", "Подытог", "Проміжний підсумок", "Μερικό σύνολο", "小计", "小計", "소계", "المجموع الفرعي", "उप-योग"),
        "tax": ("Tax", "MwSt.", "TVA", "IVA", "IVA", "Imposto", "Thuế", "НДС", "ПДВ", "ΦΠΑ", "税额", "消費税", "부가세", "الضريبة", "कर"),
        "cash": ("Cash", "Bar", "Espèces", "Efectivo", "Contanti", "Dinheiro", "Tiền mặt", "Наличные", "Готівка", "Μετρητά", "现金", "現金", "현금", "نقداً", "नकद"),
        "change": ("Change", "Rückgeld", "Rendu", "Cambio", "Resto", "Troco", "Tiền thừa", "Сдача", "Решта", "Ρέστα", "找零", "お釣り", "거스름돈", "الباقي", "वापसी राशि"),
        "receipt": ("Receipt", "Kassenbon", "Ticket de caisse", "Recibo", "Scontrino", "Recibo", "Biên lai", "Чек", "Чек", "Απόδειξη", "收据", "レシート", "영수증", "إيصال", "रसीद"),
        "quantity": ("Quantity", "Menge", "Quantité", "Cantidad", "Quantità", "Quantidade", "Số lượng", "Количество", "Кількість", "Ποσότητα", "数量", "数量", "수량", "الكمية", "मात्रा"),
        "unit_price": ("Unit price", "Einzelpreis", "Prix unitaire", "Precio unitario", "Prezzo unitario", "Preço unitário", "Đơn giá", "Цена за единицу", "Ціна за одиницю", "Τιμή μονάδας", "单价", "単価", "단가", "سعر الوحدة", "इकाई मूल्य"),
        "card": ("Card", "Karte", "Carte bancaire", "Tarjeta", "Carta", "Cartão", "Thẻ", "Карта", "Картка", "Κάρτα", "刷卡", "カード", "카드", "بطاقة", "कार्ड"),
        "invoice": ("Invoice", "Rechnung", "Facture", "Factura", "Fattura", "Fatura", "Hóa đơn", "Счёт", "Рахунок", "Τιμολόγιο", "发票", "請求書", "청구서", "فاتورة", "चालान"),
        "thank_you_purchase": ("Thank you for your purchase", "Vielen Dank für Ihren Einkauf", "Merci pour votre achat", "Gracias por su compra", "Grazie per l'acquisto", "Obrigado pela sua compra", "Cảm ơn quý khách đã mua hàng", "Спасибо за покупку", "Дякуємо за покупку", "Ευχαριστούμε για την αγορά σας", "谢谢惠顾", "お買い上げありがとうございます", "구매해 주셔서 감사합니다", "شكراً لتسوقكم معنا", "ख़रीदारी के लिए धन्यवाद"),
    },
    "label": {
        "ingredients": ("Ingredients", "Zutaten", "Ingrédients", "Ingredientes", "Ingredienti", "Ingredientes", "Thành phần", "Состав", "Склад", "Συστατικά", "配料", "原材料", "원재료", "المكونات", "सामग्री"),
        "best_before": ("Best before", "Mindestens haltbar bis", "À consommer de préférence avant", "Consumir preferentemente antes de", "Da consumarsi preferibilmente entro", "Consumir de preferência antes de", "Hạn sử dụng", "Годен до", "Придатний до", "Ανάλωση κατά προτίμηση πριν από", "保质期至", "賞味期限", "유통기한", "يفضل استهلاكه قبل", "इससे पहले उपयोग करें"),
        "made_in": ("Made in", "Hergestellt in", "Fabriqué en", "Hecho en", "Prodotto in", "Fabricado em", "Sản xuất tại", "Сделано в", "Зроблено в", "Χώρα προέλευσης", "产地", "原産国", "원산지", "صنع في", "मूल देश"),
        "net_weight": ("Net weight", "Nettogewicht", "Poids net", "Peso neto", "Peso netto", "Peso líquido", "Khối lượng tịnh", "Масса нетто", "Маса нетто", "Καθαρό βάρος", "净含量", "内容量", "순중량", "الوزن الصافي", "शुद्ध वज़न"),
        "keep_refrigerated": ("Keep refrigerated", "Gekühlt aufbewahren", "À conserver au réfrigérateur", "Mantener refrigerado", "Conservare in frigorifero", "Manter refrigerado", "Bảo quản lạnh", "Хранить в холодильнике", "Зберігати в холодильнику", "Διατηρείται στο ψυγείο", "冷藏保存", "要冷蔵", "냉장 보관", "يحفظ مبرداً", "फ्रिज में रखें"),
        "store_cool_dry": ("Store in a cool, dry place", "Kühl und trocken lagern", "À conserver dans un endroit frais et sec", "Conservar en lugar fresco y seco", "Conservare in luogo fresco e asciutto", "Conservar em local fresco e seco", "Bảo quản nơi khô ráo, thoáng mát", "Хранить в сухом прохладном месте", "Зберігати в сухому прохолодному місці", "Διατηρείται σε δροσερό και ξηρό μέρος", "置于阴凉干燥处", "涼しく乾燥した場所で保存", "서늘하고 건조한 곳에 보관", "يحفظ في مكان بارد وجاف", "ठंडी और सूखी जगह पर रखें"),
        "organic": ("Organic", "Bio", "Bio", "Ecológico", "Biologico", "Orgânico", "Hữu cơ", "Органический", "Органічний", "Βιολογικό", "有机", "オーガニック", "유기농", "عضوي", "जैविक"),
        "gluten_free": ("Gluten-free", "Glutenfrei", "Sans gluten", "Sin gluten", "Senza glutine", "Sem glúten", "Không chứa gluten", "Без глютена", "Без глютену", "Χωρίς γλουτένη", "无麸质", "グルテンフリー", "글루텐 프리", "خالٍ من الغلوتين", "ग्लूटेन-मुक्त"),
        "fragile": ("Fragile", "Zerbrechlich", "Fragile", "Frágil", "Fragile", "Frágil", "Hàng dễ vỡ", "Хрупкое", "Крихке", "Εύθραυστο", "易碎品", "割れ物注意", "파손 주의", "قابل للكسر", "नाज़ुक"),
        "this_side_up": ("This side up", "Oben", "Haut", "Este lado arriba", "Alto", "Este lado para cima", "Mặt này hướng lên", "Верх", "Верх", "Πάνω", "此面向上", "この面を上に", "이 면을 위로", "هذا الجانب للأعلى", "यह भाग ऊपर"),
        "handle_with_care": ("Handle with care", "Mit Vorsicht behandeln", "Manipuler avec soin", "Manejar con cuidado", "Maneggiare con cura", "Manusear com cuidado", "Xin nhẹ tay", "Обращаться с осторожностью", "Поводитися обережно", "Χειριστείτε με προσοχή", "小心轻放", "取扱注意", "취급 주의", "يرجى التعامل بعناية", "सावधानी से संभालें"),
    },
    "greeting": {
        "happy_birthday": ("Happy birthday", "Alles Gute zum Geburtstag", "Joyeux anniversaire", "Feliz cumpleaños", "Buon compleanno", "Feliz aniversário", "Chúc mừng sinh nhật", "С днём рождения", "З днем народження", "Χρόνια πολλά", "生日快乐", "お誕生日おめでとう", "생일 축하합니다", "عيد ميلاد سعيد", "जन्मदिन की शुभकामनाएँ"),
        "merry_christmas": ("Merry Christmas", "Frohe Weihnachten", "Joyeux Noël", "Feliz Navidad", "Buon Natale", "Feliz Natal", "Giáng sinh vui vẻ", "С Рождеством", "З Різдвом", "Καλά Χριστούγεννα", "圣诞快乐", "メリークリスマス", "메리 크리스마스", "عيد ميلاد مجيد", "क्रिसमस की शुभकामनाएँ"),
        "happy_new_year": ("Happy New Year", "Frohes neues Jahr", "Bonne année", "Feliz Año Nuevo", "Buon anno", "Feliz Ano Novo", "Chúc mừng năm mới", "С Новым годом", "З Новим роком", "Καλή χρονιά", "新年快乐", "明けましておめでとう", "새해 복 많이 받으세요", "سنة سعيدة", "नया साल मुबारक"),
        "congratulations": ("Congratulations", "Herzlichen Glückwunsch", "Félicitations", "Enhorabuena", "Congratulazioni", "Parabéns", "Xin chúc mừng", "Поздравляем", "Вітаємо", "Συγχαρητήρια", "恭喜", "おめでとうございます", "축하합니다", "تهانينا", "बधाई हो"),
        "thank_you": ("Thank you", "Danke", "Merci", "Gracias", "Grazie", "Obrigado", "Cảm ơn", "Спасибо", "Дякую", "Ευχαριστώ", "谢谢", "ありがとうございます", "감사합니다", "شكراً", "धन्यवाद"),
        "best_wishes": ("Best wishes", "Beste Wünsche", "Meilleurs vœux", "Mis mejores deseos", "Tanti auguri", "Felicidades", "Những lời chúc tốt đẹp nhất", "С наилучшими пожеланиями", "З найкращими побажаннями", "Τις καλύτερες ευχές", "最美好的祝愿", "ご多幸をお祈りします", "행복을 빕니다", "أطيب التمنيات", "हार्दिक शुभकामनाएँ"),
        "get_well_soon": ("Get well soon", "Gute Besserung", "Bon rétablissement", "Que te mejores", "Guarisci presto", "Melhoras", "Chúc mau khỏe", "Скорейшего выздоровления", "Швидкого одужання", "Περαστικά", "早日康复", "お大事に", "쾌유를 빕니다", "أتمنى لك الشفاء العاجل", "जल्दी ठीक हो जाइए"),
        "happy_anniversary": ("Happy anniversary", "Alles Gute zum Jahrestag", "Joyeux anniversaire de mariage", "Feliz aniversario", "Buon anniversario", "Feliz aniversário de casamento", "Chúc mừng kỷ niệm ngày cưới", "С годовщиной", "З річницею", "Καλή επέτειο", "周年快乐", "記念日おめでとう", "기념일 축하해요", "ذكرى سنوية سعيدة", "सालगिरह मुबारक"),
        "good_luck": ("Good luck", "Viel Glück", "Bonne chance", "Buena suerte", "Buona fortuna", "Boa sorte", "Chúc may mắn", "Удачи", "Удачі", "Καλή τύχη", "祝你好运", "幸運を祈ります", "행운을 빌어요", "حظاً سعيداً", "गुड लक"),
        "with_love": ("With love", "In Liebe", "Avec amour", "Con cariño", "Con affetto", "Com carinho", "Thân yêu", "С любовью", "З любов'ю", "Με αγάπη", "满怀爱意", "愛をこめて", "사랑을 담아", "مع حبي", "प्यार सहित"),
    },
    "food": {
        "coffee": ("Coffee", "Kaffee", "Café", "Café", "Caffè", "Café", "Cà phê", "Кофе", "Кава", "Καφές", "咖啡", "コーヒー", "커피", "قهوة", "कॉफ़ी"),
        "green_tea": ("Green tea", "Grüner Tee", "Thé vert", "Té verde", "Tè verde", "Chá verde", "Trà xanh", "Зелёный чай", "Зелений чай", "Πράσινο τσάι", "绿茶", "緑茶", "녹차", "شاي أخضر", "हरी चाय"),
        "orange_juice": ("Orange juice", "Orangensaft", "Jus d'orange", "Zumo de naranja", "Succo d'arancia", "Suco de laranja", "Nước cam", "Апельсиновый сок", "Апельсиновий сік", "Χυμός πορτοκάλι", "橙汁", "オレンジジュース", "오렌지 주스", "عصير برتقال", "संतरे का जूस"),
        "chocolate_cake": ("Chocolate cake", "Schokoladenkuchen", "Gâteau au chocolat", "Tarta de chocolate", "Torta al cioccolato", "Bolo de chocolate", "Bánh sô-cô-la", "Шоколадный торт", "Шоколадний торт", "Κέικ σοκολάτας", "巧克力蛋糕", "チョコレートケーキ", "초콜릿 케이크", "كعكة الشوكولاتة", "चॉकलेट केक"),
        "chicken_soup": ("Chicken soup", "Hühnersuppe", "Soupe au poulet", "Sopa de pollo", "Zuppa di pollo", "Sopa de frango", "Súp gà", "Куриный суп", "Курячий суп", "Κοτόσουπα", "鸡汤", "チキンスープ", "치킨 수프", "شوربة دجاج", "चिकन सूप"),
        "vegetable_salad": ("Vegetable salad", "Gemüsesalat", "Salade de légumes", "Ensalada de verduras", "Insalata di verdure", "Salada de legumes", "Salad rau củ", "Овощной салат", "Овочевий салат", "Σαλάτα λαχανικών", "蔬菜沙拉", "野菜サラダ", "야채 샐러드", "سلطة خضار", "सब्ज़ियों का सलाद"),
        "fried_rice": ("Fried rice", "Gebratener Reis", "Riz sauté", "Arroz frito", "Riso fritto", "Arroz frito", "Cơm chiên", "Жареный рис", "Смажений рис", "Τηγανητό ρύζι", "炒饭", "チャーハン", "볶음밥", "أرز مقلي", "फ्राइड राइस"),
        "ice_cream": ("Ice cream", "Eis", "Glace", "Helado", "Gelato", "Sorvete", "Kem", "Мороженое", "Морозиво", "Παγωτό", "冰淇淋", "アイスクリーム", "아이스크림", "آيس كريم", "आइसक्रीम"),
        "mineral_water": ("Mineral water", "Mineralwasser", "Eau minérale", "Agua mineral", "Acqua minerale", "Água mineral", "Nước khoáng", "Минеральная вода", "Мінеральна вода", "Μεταλλικό νερό", "矿泉水", "ミネラルウォーター", "생수", "مياه معدنية", "मिनरल वॉटर"),
    },
    "product": {
        "milk": ("Milk", "Milch", "Lait", "Leche", "Latte", "Leite", "Sữa", "Молоко", "Молоко", "Γάλα", "牛奶", "牛乳", "우유", "حليب", "दूध"),
        "olive_oil": ("Olive oil", "Olivenöl", "Huile d'olive", "Aceite de oliva", "Olio d'oliva", "Azeite", "Dầu ô liu", "Оливковое масло", "Оливкова олія", "Ελαιόλαδο", "橄榄油", "オリーブオイル", "올리브유", "زيت زيتون", "जैतून का तेल"),
        "shampoo": ("Shampoo", "Shampoo", "Shampooing", "Champú", "Shampoo", "Xampu", "Dầu gội", "Шампунь", "Шампунь", "Σαμπουάν", "洗发水", "シャンプー", "샴푸", "شامبو", "शैम्पू"),
        "toothpaste": ("Toothpaste", "Zahnpasta", "Dentifrice", "Pasta de dientes", "Dentifricio", "Creme dental", "Kem đánh răng", "Зубная паста", "Зубна паста", "Οδοντόκρεμα", "牙膏", "歯磨き粉", "치약", "معجون أسنان", "टूथपेस्ट"),
        "honey": ("Honey", "Honig", "Miel", "Miel", "Miele", "Mel", "Mật ong", "Мёд", "Мед", "Μέλι", "蜂蜜", "はちみつ", "꿀", "عسل", "शहद"),
        "rice": ("Rice", "Reis", "Riz", "Arroz", "Riso", "Arroz", "Gạo", "Рис", "Рис", "Ρύζι", "大米", "米", "쌀", "أرز", "चावल"),
    },
}


@dataclass(frozen=True)
class Phrase:
    key: str
    category: str
    texts: dict[str, str]  # language code -> text


PHRASES: dict[str, Phrase] = {
    key: Phrase(key, category, dict(zip(_ORDER, row, strict=True)))
    for category, rows in _TABLE.items()
    for key, row in rows.items()
}


def categories() -> tuple[str, ...]:
    return tuple(_TABLE)


def phrase_keys(category: str | None = None) -> tuple[str, ...]:
    if category is None:
        return tuple(PHRASES)
    if category not in _TABLE:
        raise ValueError(f"unknown phrase category {category!r}; allowed: {', '.join(_TABLE)}")
    return tuple(_TABLE[category])


def translate(phrase_key: str, lang: str) -> str:
    """The phrase `phrase_key` in language `lang`."""
    language(lang)  # validates the code
    try:
        return PHRASES[phrase_key].texts[lang]
    except KeyError:
        raise ValueError(f"unknown phrase key {phrase_key!r}; see phrasebook.phrase_keys()") from None


def phrase(rng: np.random.Generator, lang: str, category: str | None = None) -> str:
    """A uniformly drawn phrase (of `category`, or any) in `lang`."""
    keys = phrase_keys(category)
    return translate(keys[int(rng.integers(len(keys)))], lang)


def _is_word_char(text: str, i: int) -> bool:
    """A letter, mark or digit at text[i] (marks: Devanagari vowel signs are part of words)."""
    return 0 <= i < len(text) and unicodedata.category(text[i])[0] in "LMN"


@dataclass(frozen=True)
class PhraseMatch:
    key: str
    start: int
    end: int
    upper: bool  # the text has the phrase in upper case (a sign saying "EXIT")


def find_phrases(text: str, lang: str) -> list[PhraseMatch]:
    """Phrasebook phrases occurring in `text` as whole words (longest first, no overlaps)."""
    language(lang)
    spaced = LANGUAGES[lang].breaks == "space"
    candidates = sorted(PHRASES.values(), key=lambda p: -len(p.texts[lang]))
    taken: list[tuple[int, int]] = []
    found = []
    for entry in candidates:
        form = entry.texts[lang]
        for variant, upper in ((form, False), (form.upper(), True)):
            if upper and variant == form:
                continue
            for m in re.finditer(re.escape(variant), text):
                # Whole words where words are spaced, so "Total" does not hit "Subtotal".
                if spaced and (_is_word_char(text, m.start() - 1) or _is_word_char(text, m.end())):
                    continue
                if any(m.start() < e and s < m.end() for s, e in taken):
                    continue
                taken.append((m.start(), m.end()))
                found.append(PhraseMatch(entry.key, m.start(), m.end(), upper))
    return sorted(found, key=lambda m: m.start)
