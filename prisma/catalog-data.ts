/** The demo shop: Kenyan products with KES prices and stock levels (some low, one sold out). */
export type SeedCategory = { slug: string; name: string; description: string };
export type SeedProduct = {
  slug: string;
  name: string;
  category: string;
  priceKes: number;
  stock: number;
  featured?: boolean;
  description: string;
};

export const categories: SeedCategory[] = [
  { slug: "pantry", name: "Pantry & Coffee", description: "Highland coffee, Kericho tea, honey and snacks from Kenyan farms." },
  { slug: "fashion", name: "Fashion & Textiles", description: "Kikoys, kitenge, shukas and leather sandals made in Kenya." },
  { slug: "home", name: "Home & Kitchen", description: "Jikos, sufurias and everything for a Kenyan kitchen." },
  { slug: "crafts", name: "Crafts & Decor", description: "Hand-woven kiondos, soapstone and beadwork from local artisans." },
];

export const products: SeedProduct[] = [
  { slug: "kenya-aa-coffee-500g", name: "Kenya AA Coffee Beans 500g", category: "pantry", priceKes: 1450, stock: 40, featured: true, description: "Single-origin AA beans from Nyeri, medium roast with blackcurrant notes." },
  { slug: "kericho-gold-tea-250g", name: "Kericho Gold Tea 250g", category: "pantry", priceKes: 380, stock: 120, description: "Strong black tea from the Kericho highlands, perfect for chai." },
  { slug: "mau-forest-honey-500g", name: "Mau Forest Honey 500g", category: "pantry", priceKes: 950, stock: 3, featured: true, description: "Raw wildflower honey harvested by beekeepers around the Mau forest." },
  { slug: "macadamia-nuts-250g", name: "Roasted Macadamia Nuts 250g", category: "pantry", priceKes: 720, stock: 35, description: "Lightly salted macadamias grown in Murang'a." },
  { slug: "chilli-sauce-pilipili", name: "Pilipili Hoho Chilli Sauce", category: "pantry", priceKes: 290, stock: 60, description: "Coastal-style hot sauce with bird's eye chillies and lime." },
  { slug: "njugu-karanga-500g", name: "Njugu Karanga 500g", category: "pantry", priceKes: 250, stock: 0, description: "Crunchy roasted groundnuts, a Nairobi street favourite." },
  { slug: "chapati-flour-2kg", name: "Chapati Flour 2kg", category: "pantry", priceKes: 230, stock: 80, description: "Soft wheat flour milled for layered chapatis." },
  { slug: "kikoy-beach-towel", name: "Kikoy Beach Towel", category: "fashion", priceKes: 1500, stock: 25, featured: true, description: "Hand-loomed cotton kikoy from Lamu, striped and fringed." },
  { slug: "maasai-shuka-red", name: "Maasai Shuka (Red Check)", category: "fashion", priceKes: 1200, stock: 18, description: "Warm acrylic shuka in the classic red Maasai check." },
  { slug: "kitenge-dress", name: "Kitenge Wrap Dress", category: "fashion", priceKes: 3800, stock: 2, featured: true, description: "Bold wax-print kitenge dress tailored in Nairobi." },
  { slug: "akala-sandals", name: "Akala Tyre Sandals", category: "fashion", priceKes: 850, stock: 30, description: "Durable sandals cut from recycled tyres by Gikomba craftsmen." },
  { slug: "leather-sandals-beaded", name: "Beaded Leather Sandals", category: "fashion", priceKes: 2400, stock: 12, description: "Soft leather sandals with Maasai beadwork straps." },
  { slug: "kanga-pair", name: "Kanga Pair with Swahili Proverb", category: "fashion", priceKes: 900, stock: 45, description: "Two matching kangas printed with a Swahili saying." },
  { slug: "kiondo-bag", name: "Sisal Kiondo Bag", category: "fashion", priceKes: 1650, stock: 4, description: "Hand-woven sisal kiondo with leather handles from Machakos." },
  { slug: "charcoal-jiko", name: "Improved Charcoal Jiko", category: "home", priceKes: 1800, stock: 15, featured: true, description: "Ceramic-lined jiko that uses half the charcoal of a metal one." },
  { slug: "sufuria-set-5", name: "Aluminium Sufuria Set (5 pcs)", category: "home", priceKes: 2950, stock: 9, description: "Five nesting sufurias with lids, from 1 to 5 litres." },
  { slug: "thermos-flask-2l", name: "Thermos Flask 2L", category: "home", priceKes: 1350, stock: 22, description: "Keeps chai hot all morning; glass-lined." },
  { slug: "mwiko-set", name: "Mwiko Wooden Spoon Set", category: "home", priceKes: 450, stock: 50, description: "Olive-wood cooking sticks for ugali and stews." },
  { slug: "solar-lamp", name: "Solar Lamp with Phone Charger", category: "home", priceKes: 2600, stock: 5, description: "Bright LED lantern that also charges a phone." },
  { slug: "water-filter-20l", name: "Ceramic Water Filter 20L", category: "home", priceKes: 4200, stock: 7, description: "Gravity water filter for safe drinking water at home." },
  { slug: "kiondo-basket-large", name: "Large Kiondo Basket", category: "crafts", priceKes: 2200, stock: 10, description: "Tight-woven sisal basket in natural and indigo dyes." },
  { slug: "soapstone-elephant", name: "Kisii Soapstone Elephant", category: "crafts", priceKes: 1100, stock: 14, featured: true, description: "Hand-carved soapstone elephant from Tabaka, Kisii." },
  { slug: "maasai-beaded-necklace", name: "Maasai Beaded Necklace", category: "crafts", priceKes: 1750, stock: 1, description: "Collar necklace beaded by women's groups in Kajiado." },
  { slug: "banana-fibre-art", name: "Banana Fibre Wall Art", category: "crafts", priceKes: 2800, stock: 6, description: "Village scene collage made from dried banana leaves." },
  { slug: "wooden-giraffe", name: "Wooden Giraffe Carving", category: "crafts", priceKes: 1950, stock: 11, description: "Jacaranda-wood giraffe carved in Wamunyu." },
  { slug: "batik-lion", name: "Batik Lion Print", category: "crafts", priceKes: 1600, stock: 8, description: "Hand-dyed batik on cotton, ready to frame." },
  { slug: "bao-board", name: "Bao Game Board", category: "crafts", priceKes: 3200, stock: 3, description: "Traditional Swahili mancala board carved from mahogany." },
  { slug: "recycled-glass-vase", name: "Kitengela Recycled Glass Vase", category: "crafts", priceKes: 2100, stock: 9, description: "Mouth-blown vase from recycled bottles at Kitengela Glass." },
];
